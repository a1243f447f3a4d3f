using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

/// <summary>The instructor ends the session from the dashboard; a student's open page is told.</summary>
[Trait("Category", "Security")]
public sealed class SessionEndTests(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(gateway, chromium, output)
{
    [Fact]
    public async Task Ending_the_session_after_confirming_tells_the_students_page_and_keeps_the_dashboard()
    {
        var (instructor, _) = await OpenPage("instructor");
        var code = await LabPages.CreateSession(instructor, "Ends with a click");
        var (student, studentProblems) = await OpenPage("student");
        // If the close wins the race with the message, the page's retries are refused: expected here.
        studentProblems.Expect((status, url) => status == 401 && url.Contains("/hubs/lab", StringComparison.Ordinal));
        await LabPages.Join(student, code, "Last one in");

        await instructor.Locator("#end-session").ClickAsync();
        await Expect(instructor.Locator("#end-confirm")).ToBeVisibleAsync();
        await instructor.Locator("#end-confirm-no").ClickAsync();
        await Expect(instructor.Locator("#session-ended")).ToBeHiddenAsync();
        await instructor.Locator("#end-session").ClickAsync();
        await instructor.Locator("#end-confirm-yes").ClickAsync();

        await Expect(instructor.Locator("#session-ended")).ToBeVisibleAsync();
        await Expect(instructor.Locator("#end-session")).ToBeHiddenAsync();
        await Expect(instructor.Locator("#pacing-table button[data-action='close']").First).ToBeDisabledAsync();
        await Expect(instructor.Locator("#joined-count")).ToHaveTextAsync("1");
        await Expect(student.Locator("#error-banner")).ToContainTextAsync("ended");
    }
}
