using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

/// <summary>
/// A browser test: a new browser context per page role, every page watched for problems
/// (<see cref="PageProblems"/>), a screenshot of every page saved at the end whatever the outcome
/// (<c>TestResults/screenshots/&lt;test&gt;[-role].png</c>), and the test failed if any page had a problem.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly List<(IBrowserContext Context, IPage Page, PageProblems Problems, string Shot)> pages = [];

    protected GatewayFixture Gateway { get; } = gateway;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The absolute URL of a path on the gateway.</summary>
    protected string Url(string path) => new Uri(Gateway.Address, path).ToString();

    /// <summary>
    /// A page in a new browser context (its own storage: one person). The first page of a test is
    /// screenshotted as <c>&lt;test&gt;.png</c>, the others as <c>&lt;test&gt;-&lt;role&gt;.png</c>.
    /// </summary>
    protected async Task<(IPage Page, PageProblems Problems)> OpenPage(string role, [CallerMemberName] string test = "")
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = Gateway.Address.ToString(),
            AcceptDownloads = true,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page, role);
        var shot = pages.Count == 0 ? test : $"{test}-{role}";
        pages.Add((context, page, problems, shot));
        return (page, problems);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var directory = ScreenshotDirectory();
        foreach (var (_, page, problems, shot) in pages)
        {
            try
            {
                var path = Path.Combine(directory, $"{Sanitize(shot)}.png");
                await page.ScreenshotAsync(new() { Path = path, FullPage = true });
                Output.WriteLine($"screenshot: {path}");
            }
            catch (PlaywrightException error)
            {
                Output.WriteLine($"no screenshot of the {problems.Role} page: {error.Message}");
            }
            foreach (var tolerated in problems.Tolerated)
            {
                Output.WriteLine($"[{problems.Role}] tolerated while the network was cut: {tolerated}");
            }
        }
        var found = pages.SelectMany(p => p.Problems.All.Select(problem => $"[{p.Problems.Role}] {problem}")).ToList();
        foreach (var (context, _, _, _) in pages)
        {
            await context.CloseAsync();
        }
        if (found.Count > 0)
        {
            Output.WriteLine("gateway log (last lines):\n" + Gateway.Gateway.RecentLog);
            Assert.Fail("The pages had problems:\n" + string.Join('\n', found));
        }
    }

    /// <summary><c>TestResults/screenshots</c> at the repository root (where test.sh collects results).</summary>
    public static string ScreenshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataSelection.sln")))
        {
            directory = directory.Parent;
        }
        var root = directory?.FullName ?? AppContext.BaseDirectory;
        var screenshots = Path.Combine(root, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);
        return screenshots;
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
