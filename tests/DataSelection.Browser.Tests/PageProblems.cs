using System.Collections.Concurrent;

namespace DataSelection.Browser.Tests;

/// <summary>
/// Everything that goes wrong on one page: failed requests, responses of 400 or more (other than
/// those a test provokes and expects), console errors, uncaught page errors and dialogs. Problems
/// seen while <see cref="Tolerating"/> is set (a test cutting the network on purpose) are kept apart.
/// </summary>
public sealed partial class PageProblems
{
    private readonly ConcurrentQueue<string> problems = new();
    private readonly ConcurrentQueue<string> tolerated = new();
    private readonly ConcurrentQueue<string> dialogs = new();
    private readonly ConcurrentBag<Func<int, string, bool>> expected = [];

    public PageProblems(IPage page, string role)
    {
        ArgumentNullException.ThrowIfNull(page);
        Role = role;
        page.RequestFailed += (_, request) =>
            Add($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !IsExpected(response.Status, response.Url))
            {
                Add($"response {response.Status} {response.StatusText}: {response.Request.Method} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsExpectedLoadFailure(message))
            {
                Add($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Add($"page error: {error}");
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            Add($"dialog opened ({dialog.Type}): {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    public string Role { get; }

    /// <summary>While set, problems are recorded as tolerated rather than failing the test.</summary>
    public bool Tolerating { get; set; }

    public IReadOnlyCollection<string> All => problems;

    public IReadOnlyCollection<string> Tolerated => tolerated;

    public IReadOnlyCollection<string> Dialogs => dialogs;

    /// <summary>
    /// Responses of 400 or more that the test provokes on purpose, by status and URL (Chromium's
    /// console line "Failed to load resource" for them is expected with them).
    /// </summary>
    public void Expect(Func<int, string, bool> statusAndUrl) => expected.Add(statusAndUrl);

    private bool IsExpected(int status, string url) => expected.Any(expect => expect(status, url));

    private bool IsExpectedLoadFailure(IConsoleMessage message)
    {
        var match = LoadFailure().Match(message.Text);
        return match.Success
            && int.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var status)
            && IsExpected(status, LocationUrl(message.Location));
    }

    /// <summary>A console location is "url:line:column".</summary>
    private static string LocationUrl(string location)
    {
        var end = location.LastIndexOf(':');
        end = end > 0 ? location.LastIndexOf(':', end - 1) : -1;
        return end > 0 ? location[..end] : location;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to load resource: the server responded with a status of (\d{3})")]
    private static partial System.Text.RegularExpressions.Regex LoadFailure();

    private void Add(string problem) => (Tolerating ? tolerated : problems).Enqueue(problem);
}
