using System.Text.RegularExpressions;

namespace DataSelection.Browser.Tests;

/// <summary>What a person does on the pages, by the element contract (ids and data attributes).</summary>
public static partial class LabPages
{
    /// <summary>A positive whole number, as <c>data-points</c> carries once a chart has data.</summary>
    [GeneratedRegex(@"^[1-9]\d*$")]
    public static partial Regex SomePoints();

    /// <summary>Joins through the form of the student page opened by a join link (code pre-filled).</summary>
    public static async Task Join(IPage page, string code, string name, string track = "cloud-titan")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/?code={Uri.EscapeDataString(code)}");
        await Expect(page.Locator("#join-code")).ToHaveValueAsync(code);
        await page.Locator("#join-name").FillAsync(name);
        await ChooseTrack(page, track);
        await page.Locator("#join-submit").ClickAsync();
        await Expect(page.Locator("#lab")).ToBeVisibleAsync();
        await Expect(page.Locator("#student-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#connection-state")).ToHaveAttributeAsync("data-state", "connected");
    }

    /// <summary>Picks a track as a person does: the radio itself, or its label when the radio is drawn as a card.</summary>
    public static async Task ChooseTrack(IPage page, string track)
    {
        ArgumentNullException.ThrowIfNull(page);
        var radio = page.Locator($"input[name=\"track\"][value=\"{track}\"]");
        if (await radio.IsVisibleAsync())
        {
            await radio.CheckAsync();
        }
        else
        {
            var id = await radio.GetAttributeAsync("id");
            var label = id is null
                ? page.Locator($"label:has(input[name=\"track\"][value=\"{track}\"])")
                : page.Locator($"label[for=\"{id}\"], label:has(#{id})");
            await label.First.ClickAsync();
        }
        await Expect(radio).ToBeCheckedAsync();
    }

    /// <summary>Locks part 1 with a FLOPs-reduction prediction (percent) and waits for the page to show it.</summary>
    public static async Task LockPart1(IPage page, int percent)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page.Locator("#workbench-1")).ToHaveAttributeAsync("aria-disabled", "true");
        await page.Locator("#lock-1-value").FillAsync(percent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#lock-1-submit").ClickAsync();
        await Expect(page.Locator("#lock-1-status")).ToContainTextAsync("Locked");
        // Part 1 runs once by itself after the lock; a cached result can turn it to working before we look.
        await Expect(page.Locator("section#part-1")).ToHaveAttributeAsync("data-status", LockedOrWorking());
        await Expect(page.Locator("#workbench-1")).Not.ToHaveAttributeAsync("aria-disabled", "true");
    }

    /// <summary>Creates a session on the instructor page; returns its code.</summary>
    public static async Task<string> CreateSession(IPage page, string title)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/instructor.html");
        await page.Locator("#create-title").FillAsync(title);
        await page.Locator("#create-submit").ClickAsync();
        var code = page.Locator("#session-code");
        await Expect(code).ToHaveTextAsync(CodePattern());
        await Expect(page.Locator("#instructor-key")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#session-qr")).ToBeVisibleAsync();
        await Expect(page.Locator("#connection-state")).ToHaveAttributeAsync("data-state", "connected");
        return (await code.InnerTextAsync()).Trim();
    }

    /// <summary>The chart card around a canvas: the innermost element holding both the canvas and a Math Peek toggle.</summary>
    public static ILocator ChartCard(IPage page, string canvasId)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator($":is(section, article, div, figure, li):has(canvas#{canvasId}):has(button.math-peek-toggle)").Last;
    }

    /// <summary>Text that is exactly the given number (whitespace around it allowed).</summary>
    public static Regex Number(int value) => new($@"^\s*{value}\s*$");

    /// <summary>A number, as <c>data-measured</c> carries once the outcome is known.</summary>
    [GeneratedRegex(@"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")]
    public static partial Regex AnyNumber();

    [GeneratedRegex(@"\w{4,}")]
    private static partial Regex CodePattern();

    [System.Text.RegularExpressions.GeneratedRegex("^(locked|working)$")]
    private static partial System.Text.RegularExpressions.Regex LockedOrWorking();
}
