using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Gateway.Tests.Telemetry;

public sealed class TracingTests(TracedGatewayFactory factory) : IClassFixture<TracedGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task A_hub_run_is_one_trace_from_the_hub_call_through_the_grains_to_the_worker_simulation()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code, track: "tiny-pioneer");
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 40}""")).StatusCode);
        await using var hub = api.LabHub(student.Token);
        await hub.StartAsync();

        var run = await hub.InvokeAsync<JsonElement>("Run", 1, JsonDocument.Parse("""{"threshold": 0.61}""").RootElement);

        // Each factory has its own silo and cache, so this first run is computed by a worker.
        var (root, simulation, trace) = await TraceOf(RunId(run), span => span.Source.Name == "DataSelection" && span.DisplayName == "LabHub/Run",
            "the hub run's trace with its worker simulation");
        Assert.Equal(ActivityKind.Server, root.Kind);
        Assert.Equal(1, root.GetTagItem("dataselection.part"));
        Assert.Equal("Run", root.GetTagItem("dataselection.hub.method"));
        Assert.Equal(1, simulation.GetTagItem("dataselection.part"));
        Assert.Equal("tiny-pioneer", simulation.GetTagItem("dataselection.track"));
        Assert.Equal(false, simulation.GetTagItem("dataselection.cached"));
        AssertChain(simulation, root, trace);
        AssertGrainCalls(trace);
        Assert.Contains(trace, span => span.DisplayName == "simulation.cache.lookup" && Equals(span.GetTagItem("dataselection.cache.hit"), false));
        Assert.DoesNotContain(trace.SelectMany(span => span.TagObjects), tag => Equals(tag.Value, student.StudentId) || Equals(tag.Value, session.Code));
    }

    [Fact]
    public async Task An_http_run_continues_the_callers_trace_through_the_grains_to_the_worker_simulation()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code, track: "edge-guardian");
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 40}""")).StatusCode);
        var callerTrace = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/parts/1/runs")
        {
            Content = new StringContent("""{"parameters": {"threshold": 0.62}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", student.Token);
        request.Headers.Add("traceparent", $"00-{callerTrace}-{callerSpan}-01");

        var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var (root, simulation, trace) = await TraceOf(RunId(await response.Content.ReadFromJsonAsync<JsonElement>()), span => span.TraceId == callerTrace && span.Kind == ActivityKind.Server
            && span.Source.Name == "Microsoft.AspNetCore", "the HTTP run's trace with its worker simulation");
        Assert.Equal(callerSpan, root.ParentSpanId);
        Assert.Equal("edge-guardian", simulation.GetTagItem("dataselection.track"));
        AssertChain(simulation, root, trace);
        AssertGrainCalls(trace);
    }

    private static string RunId(JsonElement run) => run.GetProperty("runId").GetString()!;

    /// <summary>
    /// Waits for the worker's simulation span of <paramref name="runId"/> (other test hosts' spans arrive too) and the
    /// root span of its trace picked by <paramref name="isRoot"/>.
    /// </summary>
    private async Task<(Activity Root, Activity Simulation, IReadOnlyList<Activity> Trace)> TraceOf(string runId, Func<Activity, bool> isRoot, string what)
    {
        return await Eventually.Until(() => Task.FromResult(Find()), found => found is not null, what) ?? throw new InvalidOperationException(what);

        (Activity, Activity, IReadOnlyList<Activity>)? Find()
        {
            var spans = factory.Spans;
            var simulation = spans.FirstOrDefault(span => span.Source.Name == "DataSelection" && span.DisplayName == "simulation.run"
                && (string?)span.GetTagItem("dataselection.run.id") == runId);
            if (simulation is null)
            {
                return null;
            }
            var trace = spans.Where(span => span.TraceId == simulation.TraceId).ToList();
            return trace.FirstOrDefault(isRoot) is { } root ? (root, simulation, trace) : null;
        }
    }

    /// <summary>Every step from the simulation up to the root is an exported span of the same trace.</summary>
    private static void AssertChain(Activity from, Activity root, IReadOnlyList<Activity> trace)
    {
        var bySpan = trace.ToDictionary(span => span.SpanId);
        var steps = new List<string>();
        for (var span = from; span.SpanId != root.SpanId;)
        {
            steps.Add($"{span.Source.Name}:{span.DisplayName}");
            Assert.True(bySpan.TryGetValue(span.ParentSpanId, out var parent),
                $"The chain breaks above {span.Source.Name}:{span.DisplayName}; walked {string.Join(" <- ", steps)}.");
            span = parent;
        }
        Assert.Equal(root.TraceId, from.TraceId);
    }

    private static void AssertGrainCalls(IReadOnlyList<Activity> trace)
    {
        foreach (var grain in new[] { "IWorkbenchGrain", "ISimulationCacheGrain" })
        {
            Assert.True(trace.Any(span => span.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && span.DisplayName.Contains(grain, StringComparison.Ordinal)),
                $"No Orleans span for {grain}; the trace has: {string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}").Distinct())}");
        }
    }
}
