using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

public sealed class InstructorDashboardTests(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(gateway, chromium, output)
{
    [Fact]
    public async Task The_instructor_sees_a_student_join_and_lock_live_and_the_reveal_reaches_the_student()
    {
        var (instructor, _) = await OpenPage("instructor");
        var code = await LabPages.CreateSession(instructor, "Live dashboard");
        await Expect(instructor.Locator("#joined-count")).ToHaveTextAsync(LabPages.Number(0));
        await Expect(instructor.Locator("a#session-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(code));

        var (student, _) = await OpenPage("student");
        await LabPages.Join(student, code, "Ada Lovelace", "tiny-pioneer");

        await Expect(instructor.Locator("#joined-count")).ToHaveTextAsync(LabPages.Number(1));
        await Expect(instructor.Locator("#roster tbody tr")).ToHaveCountAsync(1);
        await Expect(instructor.Locator("#roster tbody tr").First).ToContainTextAsync("Ada Lovelace");

        await LabPages.LockPart1(student, 42);
        await Expect(instructor.Locator("canvas#histogram-1")).ToHaveAttributeAsync("data-points", "1");

        await Expect(student.Locator("#outcome-1")).ToBeHiddenAsync();
        await instructor.Locator("button[data-action=\"reveal\"][data-part=\"1\"]").ClickAsync();
        await Expect(student.Locator("#outcome-1")).ToBeVisibleAsync();
        await Expect(instructor.Locator("canvas#histogram-1")).ToHaveAttributeAsync("data-measured", LabPages.AnyNumber());
        await Expect(instructor.Locator("#dashboard-sequence")).ToHaveTextAsync(LabPages.SomePoints());
    }
}
