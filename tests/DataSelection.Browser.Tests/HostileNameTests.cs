using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

public sealed class HostileNameTests(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(gateway, chromium, output)
{
    // Within the 60-character name limit: a script, and markup whose handler would run (and whose
    // image would be a failed request) if the name were ever inserted as HTML.
    private const string Name = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_script_in_a_student_name_is_shown_as_text_on_the_student_page_and_the_roster()
    {
        var (instructor, instructorProblems) = await OpenPage("instructor");
        var code = await LabPages.CreateSession(instructor, "Hostile names");
        var (student, studentProblems) = await OpenPage("student");

        await LabPages.Join(student, code, Name);

        var row = instructor.Locator("#roster tbody tr").First;
        await Expect(row).ToContainTextAsync(Name);
        await Expect(instructor.Locator("#roster img, #roster script")).ToHaveCountAsync(0);
        await Expect(student.Locator("#student-name img, #student-name script")).ToHaveCountAsync(0);
        // A round trip through each page's event loop after the name is on screen, so an
        // injected handler would have had its turn before the problems are checked.
        await student.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 0))");
        await instructor.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 0))");
        Assert.Empty(studentProblems.Dialogs);
        Assert.Empty(instructorProblems.Dialogs);
    }
}
