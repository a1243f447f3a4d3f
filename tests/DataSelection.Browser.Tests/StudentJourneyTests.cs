using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

public sealed class StudentJourneyTests(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(gateway, chromium, output)
{
    [Fact]
    public async Task A_student_joins_locks_runs_peeks_at_the_math_reflects_and_downloads_the_ledger()
    {
        var session = await Gateway.CreateSession("Journey");
        var (page, _) = await OpenPage("student");
        const string name = "Grace Hopper";

        await LabPages.Join(page, session.Code, name, "edge-guardian");
        await Expect(page.Locator("section#part-1")).ToHaveAttributeAsync("data-status", "open");

        await LabPages.LockPart1(page, 35);

        await page.Locator("#run-1").ClickAsync();
        await Expect(page.Locator("canvas#chart-icr")).ToHaveAttributeAsync("data-points", LabPages.SomePoints());
        // A finished run is recorded: the part's status from the server moves to working.
        await Expect(page.Locator("section#part-1")).ToHaveAttributeAsync("data-status", "working");

        var card = LabPages.ChartCard(page, "chart-icr");
        var toggle = card.Locator("button.math-peek-toggle").First;
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(card.Locator(".math-peek .katex").First).ToBeVisibleAsync();

        await page.Locator("#reflect-1").FillAsync(
            "Removing near-duplicates saved compute because repeated tokens teach the model almost nothing new.");
        await page.Locator("#reflect-1-submit").ClickAsync();
        await Expect(page.Locator("section#part-1")).ToHaveAttributeAsync("data-status", "reflected");
        await Expect(page.Locator("#reflect-1-status")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#outcome-1")).ToBeVisibleAsync();

        await Expect(page.Locator("#ledger li.ledger-entry").Nth(2)).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a#ledger-md").ClickAsync());
        var markdown = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains(name, markdown, StringComparison.Ordinal);
        Assert.Contains("Locked", markdown, StringComparison.Ordinal);
    }
}
