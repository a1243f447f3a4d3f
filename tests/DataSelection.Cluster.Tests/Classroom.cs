using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Cluster.Tests;

public sealed record Session(string Code, string InstructorKey);

/// <summary>What the service acknowledged to one student (a 2xx answer), to find later in the ledger.</summary>
public sealed class Acknowledged
{
    public ConcurrentBag<int> Locks { get; } = [];

    public ConcurrentBag<string> Runs { get; } = [];

    public ConcurrentBag<int> Reflections { get; } = [];
}

/// <summary>A student of the test class: a token, the gateway they talk to, and what was acknowledged to them.</summary>
public sealed class Student(string name, string id, string token)
{
    public string Name { get; } = name;

    public string Id { get; } = id;

    public string Token { get; } = token;

    public Acknowledged Acknowledged { get; } = new();
}

/// <summary>
/// Talks to the gateways as pages do, and retries an operation that failed because a node died: each retry is
/// counted. A retried lock or reflection that finds itself already done (409) was durable the first time.
/// </summary>
public sealed class Classroom
{
    private const int MaxAttempts = 20;
    private long retries;

    public long Retries => Interlocked.Read(ref retries);

    public int MostAttempts { get; private set; } = 1;

    public TimeSpan LongestRecovery { get; private set; }

    public static HttpClient Http(Uri gateway) => new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(45) };

    public static async Task<Session> CreateSession(HttpClient http, string title)
    {
        var response = await http.PostAsJsonAsync("/api/sessions", new { title });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(body.GetProperty("code").GetString()!, body.GetProperty("instructorKey").GetString()!);
    }

    public async Task<Student> Join(HttpClient http, Session session, string name)
    {
        var body = await Retrying(http, () => Request(HttpMethod.Post, $"/api/sessions/{session.Code}/students", null,
            JsonSerializer.Serialize(new { name, track = "cloud-titan" })), acceptConflict: false);
        return new Student(name, body.GetProperty("studentId").GetString()!, body.GetProperty("token").GetString()!);
    }

    public async Task Lock(HttpClient http, Student student, int part, string predictionJson)
    {
        await Retrying(http, () => Request(HttpMethod.Put, $"/api/me/parts/{part}/lock", student.Token, $$"""{"prediction": {{predictionJson}}}"""), acceptConflict: true);
        student.Acknowledged.Locks.Add(part);
    }

    public async Task<string> Run(HttpClient http, Student student, int part, string parametersJson = "{}")
    {
        var body = await Retrying(http, () => Request(HttpMethod.Post, $"/api/me/parts/{part}/runs", student.Token, $$"""{"parameters": {{parametersJson}}}"""), acceptConflict: false);
        var runId = body.GetProperty("runId").GetString()!;
        student.Acknowledged.Runs.Add(runId);
        return runId;
    }

    public async Task Reflect(HttpClient http, Student student, int part)
    {
        var text = $"{student.Name}: duplicates spend compute on tokens the model has already seen, so efficiency falls.";
        await Retrying(http, () => Request(HttpMethod.Put, $"/api/me/parts/{part}/reflection", student.Token, JsonSerializer.Serialize(new { text })), acceptConflict: true);
        student.Acknowledged.Reflections.Add(part);
    }

    public static async Task<JsonElement> Get(HttpClient http, string path, string? token = null, string? instructorKey = null)
    {
        using var request = Request(HttpMethod.Get, path, token, null, instructorKey);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Every acknowledged lock, run and reflection of <paramref name="student"/> in their ledger; the count missing.</summary>
    public static async Task<int> Missing(HttpClient http, Student student)
    {
        var ledger = await Get(http, "/api/me/ledger", student.Token);
        var entries = ledger.GetProperty("entries").EnumerateArray().ToList();
        var locks = entries.Where(e => e.GetProperty("kind").GetString() == "lock").Select(e => e.GetProperty("part").GetInt32()).ToHashSet();
        var reflections = entries.Where(e => e.GetProperty("kind").GetString() == "reflection").Select(e => e.GetProperty("part").GetInt32()).ToHashSet();
        var runs = entries.Where(e => e.GetProperty("kind").GetString() == "run")
            .Select(e => e.GetProperty("detail").GetProperty("runId").GetString()).ToHashSet(StringComparer.Ordinal);
        return student.Acknowledged.Locks.Count(p => !locks.Contains(p))
            + student.Acknowledged.Reflections.Count(p => !reflections.Contains(p))
            + student.Acknowledged.Runs.Count(r => !runs.Contains(r));
    }

    public static HubConnection Hub(Uri gateway, string pathAndQuery) =>
        new HubConnectionBuilder().WithUrl(new Uri(gateway, pathAndQuery)).Build();

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? json, string? instructorKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (instructorKey is not null)
        {
            request.Headers.Add("X-Instructor-Key", instructorKey);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return request;
    }

    /// <summary>
    /// Sends until the service answers 2xx (or 409 on a retried lock or reflection, which means the earlier attempt
    /// was written). A refusal (4xx) on the first attempt is a test failure, not a fault to retry.
    /// </summary>
    private async Task<JsonElement> Retrying(HttpClient http, Func<HttpRequestMessage> request, bool acceptConflict)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var message = request();
                var response = await http.SendAsync(message);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode || (attempt > 1 && acceptConflict && response.StatusCode == HttpStatusCode.Conflict))
                {
                    Record(attempt, clock.Elapsed);
                    return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
                }
                failure = $"{(int)response.StatusCode} {text}";
                Assert.True((int)response.StatusCode >= 500 || attempt > 1, $"Refused: {failure}");
            }
            catch (HttpRequestException exception)
            {
                failure = exception.Message;
            }
            catch (TaskCanceledException exception)
            {
                failure = "timed out: " + exception.Message;
            }
            Assert.True(attempt < MaxAttempts, $"Still failing after {attempt} attempts: {failure}");
            Interlocked.Increment(ref retries);
            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
        }
    }

    private void Record(int attempts, TimeSpan elapsed)
    {
        lock (this)
        {
            MostAttempts = Math.Max(MostAttempts, attempts);
            if (attempts > 1 && elapsed > LongestRecovery)
            {
                LongestRecovery = elapsed;
            }
        }
    }
}
