using Xunit.Abstractions;

namespace DataSelection.Browser.Tests;

/// <summary>Markup in a session title and in a reflection is shown as text wherever a page shows it, and nothing runs.</summary>
[Trait("Category", "Security")]
public sealed class HostileTextTests(GatewayFixture gateway, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTest(gateway, chromium, output)
{
    // A script, and markup whose handler would run (and whose image would be a failed request,
    // which fails the test) if the text were ever inserted as HTML.
    private const string Title = "<script>alert('title')</script><img src=x onerror=alert(1)>";
    private const string Reflection = "<script>alert('reflection')</script><img src=x onerror=alert(2)> duplicates waste compute.";

    [Fact]
    public async Task A_script_in_a_session_title_and_a_reflection_is_shown_as_text_and_never_runs()
    {
        var (instructor, instructorProblems) = await OpenPage("instructor");
        var code = await LabPages.CreateSession(instructor, Title);
        await Expect(instructor.Locator("#session-title-bar")).ToHaveTextAsync(Title);

        var (student, studentProblems) = await OpenPage("student");
        await LabPages.Join(student, code, "Reflective");
        await LabPages.LockPart1(student, 40);
        await student.Locator("#run-1").ClickAsync();
        await Expect(student.Locator("section#part-1")).ToHaveAttributeAsync("data-status", "working");
        await student.Locator("#reflect-1").FillAsync(Reflection);
        await student.Locator("#reflect-1-submit").ClickAsync();
        await Expect(student.Locator("section#part-1")).ToHaveAttributeAsync("data-status", "reflected");

        // Both pages again from the server: the stored text comes back as text.
        await student.ReloadAsync();
        await Expect(student.Locator("#lab")).ToBeVisibleAsync();
        await Expect(student.Locator("#reflect-1")).ToHaveValueAsync(Reflection);
        await Expect(student.Locator("#ledger li.ledger-entry").Nth(2)).ToBeVisibleAsync();
        await instructor.ReloadAsync();
        await Expect(instructor.Locator("#session-title-bar")).ToHaveTextAsync(Title);
        await Expect(instructor.Locator("#roster tbody tr")).ToHaveCountAsync(1);

        foreach (var page in new[] { student, instructor })
        {
            await Expect(page.Locator("img[src='x']")).ToHaveCountAsync(0);
            Assert.False(await page.EvaluateAsync<bool>("() => [...document.scripts].some(s => s.textContent.includes('alert'))"));
            // A turn of the event loop, so an injected handler would have run before the check.
            await page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 0))");
        }
        Assert.Empty(studentProblems.Dialogs);
        Assert.Empty(instructorProblems.Dialogs);
    }
}
