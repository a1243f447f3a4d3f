using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSelection.Client.Load;

/// <summary>
/// Drives a classroom through the real HTTP API: an instructor creates a session, N students join
/// and, all at once, lock, run the workbench (cached settings), reflect and read their state;
/// then one student runs fresh (never computed) settings one after another.
/// </summary>
/// <remarks>
/// Students start spread over <paramref name="ramp"/> and pause a think time (uniform between half
/// and one and a half times <paramref name="think"/>) between actions, as a class does: latency then
/// measures the service, not a queue of requests fired in the same microsecond.
/// </remarks>
public sealed class ClassroomLoad(HttpClient http, int students, int freshRuns, TimeSpan think, TimeSpan ramp)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public LatencyRecorder Recorder { get; } = new();

    public async Task<ClassroomLoadReport> Run(IProgress<(string Stage, double Fraction)> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var clock = Stopwatch.StartNew();
        progress.Report(("session", 0));
        var session = await Post<SessionCreatedBody>("/api/sessions", new { title = "Load test" }, null, cancellationToken).ConfigureAwait(false);

        progress.Report(("join", 0.05));
        var tokens = await Task.WhenAll(Enumerable.Range(0, students).Select(i =>
            Recorder.Time("join", () => Post<StudentJoinedBody>($"/api/sessions/{session.Code}/students",
                new { name = $"Student {i}", track = "tiny-pioneer" }, null, cancellationToken)))).ConfigureAwait(false);

        // One run first, so the class's runs measure the cohort cache.
        await Put($"/api/me/parts/3/lock", new { prediction = new { choice = "degrades" } }, tokens[0].Token, cancellationToken).ConfigureAwait(false);
        await Post<JsonElement>("/api/me/parts/3/runs", new { }, tokens[0].Token, cancellationToken).ConfigureAwait(false);

        progress.Report(("class", 0.2));
        var completed = 0;
        await Task.WhenAll(tokens.Skip(1).Select(async student =>
        {
            await Task.Delay(ramp * Random.Shared.NextDouble(), cancellationToken).ConfigureAwait(false);
            await Recorder.Time("lock", () => Put("/api/me/parts/3/lock", new { prediction = new { choice = "degrades" } }, student.Token, cancellationToken)).ConfigureAwait(false);
            await Think(cancellationToken).ConfigureAwait(false);
            await Recorder.Time("run_cached", () => Post<JsonElement>("/api/me/parts/3/runs", new { }, student.Token, cancellationToken)).ConfigureAwait(false);
            await Think(cancellationToken).ConfigureAwait(false);
            await Recorder.Time("reflection", () => Put("/api/me/parts/3/reflection",
                new { text = "Synthetic rain is wrong: more synthetic data lowers the safety metric." }, student.Token, cancellationToken)).ConfigureAwait(false);
            await Think(cancellationToken).ConfigureAwait(false);
            await Recorder.Time("state", () => Get("/api/me", student.Token, cancellationToken)).ConfigureAwait(false);
            progress.Report(("class", 0.2 + 0.6 * Interlocked.Increment(ref completed) / students));
        })).ConfigureAwait(false);

        var fresh = tokens[0].Token;
        await Put("/api/me/parts/1/lock", new { prediction = new { value = 30 } }, fresh, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < freshRuns; i++)
        {
            // A threshold no one has used: the cohort cache cannot answer, the engine must run.
            var threshold = 0.5 + 0.4 * (i + 1) / (freshRuns + 1) + 1e-6 * Random.Shared.Next(1, 1000);
            await Recorder.Time("run_fresh", () => Post<JsonElement>("/api/me/parts/1/runs", new { parameters = new { threshold } }, fresh, cancellationToken))
                .ConfigureAwait(false);
            progress.Report(("fresh runs", 0.8 + 0.2 * (i + 1) / freshRuns));
        }
        return new ClassroomLoadReport(students, freshRuns, clock.Elapsed.TotalSeconds, Recorder.ErrorCount, Recorder.Summaries(), Recorder.Errors);
    }

    private Task Think(CancellationToken cancellationToken) =>
        Task.Delay(think * (0.5 + Random.Shared.NextDouble()), cancellationToken);

    private async Task<T> Post<T>(string path, object body, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        return await Send<T>(request, token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement> Put(string path, object body, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) };
        return await Send<JsonElement>(request, token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement> Get(string path, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await Send<JsonElement>(request, token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> Send<T>(HttpRequestMessage request, string? token, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.ReasonPhrase}"));
        }
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false))!;
    }

    private sealed record SessionCreatedBody(string Code, string InstructorKey);

    private sealed record StudentJoinedBody(string StudentId, string Token);
}

/// <summary>What a classroom load run measured.</summary>
public sealed record ClassroomLoadReport(
    int Students,
    int FreshRuns,
    double Seconds,
    int Errors,
    IReadOnlyDictionary<string, LatencySummary> LatencyMs,
    IReadOnlyDictionary<string, int> ErrorsByKind);
