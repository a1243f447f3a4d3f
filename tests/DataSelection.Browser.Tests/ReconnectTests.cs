using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

public sealed class ReconnectTests(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(gateway, chromium, output)
{
    [Fact]
    public async Task After_the_connection_drops_and_returns_the_page_reconnects_and_shows_what_changed_meanwhile()
    {
        var session = await Gateway.CreateSession("Reconnect");
        var (page, problems) = await OpenPage("student");
        var network = await ConnectionCutter.Attach(page.Context);
        await LabPages.Join(page, session.Code, "Rita Reconnect");
        await LabPages.LockPart1(page, 20);
        await Expect(page.Locator("section#part-2")).ToHaveAttributeAsync("data-status", "open");
        // Part 1 runs once by itself after the lock: count the Ledger once that run is in it (joined, locked, run 1),
        // or its entry arriving later would look like a change made while the connection was down.
        await Expect(page.Locator("#run-count-1")).ToContainTextAsync("1 run");
        var entries = page.Locator("#ledger li.ledger-entry");
        await Expect(entries).ToHaveCountAsync(3);
        var entriesBefore = await entries.CountAsync();
        var state = page.Locator("#connection-state");

        // Failed requests and SignalR's errors while the network is down are expected, not failures.
        problems.Tolerating = true;
        await network.Cut();
        await Expect(state).ToHaveAttributeAsync("data-state", "reconnecting");

        await Gateway.Pace(session, 2, "close");
        await Expect(page.Locator("section#part-2")).ToHaveAttributeAsync("data-status", "open");

        await network.Restore();
        await Expect(state).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 60_000 });
        problems.Tolerating = false;

        await Expect(page.Locator("section#part-2")).ToHaveAttributeAsync("data-status", "closed");
        await Expect(page.Locator("#lock-1-status")).ToContainTextAsync("Locked");
        await Expect(entries).ToHaveCountAsync(entriesBefore);
        Assert.True(network.Opened >= 2, $"expected a second hub WebSocket after the cut; saw {network.Opened}.");
    }
}
