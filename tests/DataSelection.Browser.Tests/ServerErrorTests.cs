using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

public sealed class ServerErrorTests(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(gateway, chromium, output)
{
    [Fact]
    public async Task Joining_a_session_that_does_not_exist_shows_the_servers_message_and_stays_on_the_join_form()
    {
        var (page, problems) = await OpenPage("student");
        // The one failure this test provokes: the unknown session's 404 (and Chromium's console line for it).
        problems.Expect((status, url) => status == 404 && url.Contains("/api/sessions/ZZZZ2345", StringComparison.Ordinal));

        await page.GotoAsync("/?code=ZZZZ2345");
        await page.Locator("#join-name").FillAsync("Nobody Here");
        await LabPages.ChooseTrack(page, "mobile-nomad");
        await page.Locator("#join-submit").ClickAsync();

        var banner = page.Locator("#error-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToHaveAttributeAsync("role", "alert");
        await Expect(banner).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#lab")).ToBeHiddenAsync();
    }
}
