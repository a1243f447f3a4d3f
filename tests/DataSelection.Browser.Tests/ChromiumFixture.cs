namespace DataSelection.Browser.Tests;

/// <summary>
/// One headless Chromium per test class: Debian's <c>/usr/bin/chromium</c> driven by Playwright
/// (no Playwright browser download). Missing Chromium fails the tests with a clear message.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException(
        $"Chromium did not start; see the first failure of this class (is {ExecutablePath} installed? ./test.sh installs it).");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ExecutablePath}: the browser tests need Debian's chromium package. " +
                "Run ./test.sh (it installs it) or 'apt-get update && apt-get install -y chromium'.");
        }
        // Page and assertion waits are generous: two shared cores also build and run other suites.
        SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
    }
}
