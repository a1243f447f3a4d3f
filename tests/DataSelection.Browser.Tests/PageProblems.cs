using System.Collections.Concurrent;

namespace DataSelection.Browser.Tests;

/// <summary>
/// Everything that goes wrong on one page: failed requests, responses of 400 or more (other than
/// those a test provokes and expects), console errors, uncaught page errors and dialogs. Problems
/// seen while <see cref="Tolerating"/> is set (a test cutting the network on purpose) are kept apart.
/// </summary>
public sealed class PageProblems
{
    private readonly ConcurrentQueue<string> problems = new();
    private readonly ConcurrentQueue<string> tolerated = new();
    private readonly ConcurrentQueue<string> dialogs = new();
    private readonly ConcurrentBag<Func<IResponse, bool>> expected = [];

    public PageProblems(IPage page, string role)
    {
        ArgumentNullException.ThrowIfNull(page);
        Role = role;
        page.RequestFailed += (_, request) =>
            Add($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !expected.Any(expect => expect(response)))
            {
                Add($"response {response.Status} {response.StatusText}: {response.Request.Method} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
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

    /// <summary>A response of 400 or more that the test provokes on purpose.</summary>
    public void Expect(Func<IResponse, bool> response) => expected.Add(response);

    private void Add(string problem) => (Tolerating ? tolerated : problems).Enqueue(problem);
}
