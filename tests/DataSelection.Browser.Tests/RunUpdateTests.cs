using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

/// <summary>A run updates its part from its own answer: the page does not reload the whole state after every run.</summary>
public sealed class RunUpdateTests(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(gateway, chromium, output)
{
    [Fact]
    public async Task Runs_update_the_count_result_and_ledger_without_asking_the_hub_for_the_whole_state()
    {
        var session = await Gateway.CreateSession("Lean runs");
        var (page, _) = await OpenPage("student");
        var stateRequests = 0;
        page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            if (frame.Text?.Contains("\"target\":\"GetState\"", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref stateRequests);
            }
        };
        await LabPages.Join(page, session.Code, "Lean", "tiny-pioneer");
        await LabPages.LockPart1(page, 30);
        // Part 1 runs once by itself after the lock (and the lock reloads the state); count from there.
        await Expect(page.Locator("#run-count-1")).ToContainTextAsync("1 run");
        Volatile.Write(ref stateRequests, 0);

        await page.Locator("#run-1").ClickAsync();
        await Expect(page.Locator("#run-count-1")).ToContainTextAsync("2 runs");
        await page.Locator("#run-1").ClickAsync();
        await Expect(page.Locator("#run-count-1")).ToContainTextAsync("3 runs");

        await Expect(page.Locator("section#part-1")).ToHaveAttributeAsync("data-status", "working");
        await Expect(page.Locator("#ledger li.ledger-entry.kind-run")).ToHaveCountAsync(3);
        Assert.Equal(0, Volatile.Read(ref stateRequests));
    }
}
