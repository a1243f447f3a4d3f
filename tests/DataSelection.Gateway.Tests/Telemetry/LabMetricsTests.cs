using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Gateway.Tests.Telemetry;

/// <summary>Each of the lab's metrics is recorded by the action that should record it, with bounded tags.</summary>
public sealed class LabMetricsTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task A_run_records_runs_by_part_and_cached_cache_lookups_and_push_lag_of_its_result()
    {
        using var metrics = new LabMeasurements();
        var session = await api.CreateSession();
        var student = await api.Join(session.Code, track: "mobile-nomad");
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 40}""")).StatusCode);
        await using var hub = api.LabHub(student.Token);
        await hub.StartAsync();

        await hub.InvokeAsync<JsonElement>("Run", 1, JsonDocument.Parse("""{"threshold": 0.63}""").RootElement);
        await hub.InvokeAsync<JsonElement>("Run", 1, JsonDocument.Parse("""{"threshold": 0.63}""").RootElement);

        await metrics.WaitFor("dataselection.runs", m => m.Tag("part") is 1 && m.Tag("cached") is false, "a fresh part 1 run counted");
        await metrics.WaitFor("dataselection.runs", m => m.Tag("part") is 1 && m.Tag("cached") is true, "a cached part 1 run counted");
        await metrics.WaitFor("dataselection.cache.lookups", m => m.Tag("hit") is false, "a cache miss");
        await metrics.WaitFor("dataselection.cache.lookups", m => m.Tag("hit") is true, "a cache hit");
        await metrics.WaitFor("dataselection.simulation.duration", m => m.Tag("part") is 1 && m.Value > 0, "the simulation's time");
        var lag = await metrics.WaitFor("dataselection.push.lag", m => (string?)m.Tag("kind") == "run-result", "the push lag of a run result");
        Assert.InRange(lag.Value, 0, Eventually.Timeout.TotalMilliseconds);
        await metrics.WaitFor("dataselection.hub.invocation.duration",
            m => (string?)m.Tag("hub") == "LabHub" && (string?)m.Tag("method") == "Run" && (string?)m.Tag("outcome") == "ok", "the hub call measured");
        AssertNoIdentities(metrics, session, student);
    }

    [Fact]
    public async Task A_lock_is_committed_to_the_state_database_and_the_commit_is_measured()
    {
        using var metrics = new LabMeasurements();
        var session = await api.CreateSession();
        var student = await api.Join(session.Code, track: "mobile-nomad");

        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 40}""")).StatusCode);

        var commit = await metrics.WaitFor("dataselection.storage.commit.duration", m => m.Value >= 0, "a commit's time");
        Assert.InRange(commit.Value, 0, Eventually.Timeout.TotalMilliseconds);
        var writes = await metrics.WaitFor("dataselection.storage.commit.writes", m => m.Value >= 1, "the writes in a commit");
        Assert.InRange(writes.Value, 1, 256);
    }

    [Fact]
    public async Task The_thread_pool_lag_is_sampled_while_the_gateway_runs()
    {
        using var metrics = new LabMeasurements();
        _ = await api.CreateSession();

        var lag = await metrics.WaitFor("dataselection.threadpool.lag", m => m.Value >= 0, "a thread-pool lag sample");
        Assert.InRange(lag.Value, 0, Eventually.Timeout.TotalMilliseconds);
    }

    [Fact]
    public async Task Connections_count_students_instructors_and_active_sessions_up_and_down()
    {
        using var metrics = new LabMeasurements();
        var session = await api.CreateSession();
        var student = await api.Join(session.Code);

        var labHub = api.LabHub(student.Token);
        var instructorHub = api.InstructorHub(session);
        await labHub.StartAsync();
        await instructorHub.StartAsync();
        await metrics.WaitFor("dataselection.students.connected", m => m.Value == 1, "a student connection counted");
        await metrics.WaitFor("dataselection.instructors.connected", m => m.Value == 1, "an instructor connection counted");
        // Two connections to one session make it active once.
        await metrics.WaitFor("dataselection.sessions.active", m => m.Value == 1, "the session counted active");

        await labHub.DisposeAsync();
        await instructorHub.DisposeAsync();

        await metrics.WaitFor("dataselection.students.connected", m => m.Value == -1, "the student's leaving counted");
        await metrics.WaitFor("dataselection.instructors.connected", m => m.Value == -1, "the instructor's leaving counted");
        await metrics.WaitFor("dataselection.sessions.active", m => m.Value == -1, "the session no longer active");
    }

    [Fact]
    public async Task Dashboard_snapshots_count_as_pushes_with_their_lag()
    {
        using var metrics = new LabMeasurements();
        var session = await api.CreateSession();
        await using var instructorHub = api.InstructorHub(session);
        await instructorHub.StartAsync();

        await api.Join(session.Code);

        await metrics.WaitFor("dataselection.dashboard.pushes", _ => true, "a dashboard push counted");
        await metrics.WaitFor("dataselection.push.lag", m => (string?)m.Tag("kind") == "dashboard", "the dashboard's push lag");
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Invalid_input_counts_as_a_rejection_over_http_and_over_the_hub()
    {
        using var metrics = new LabMeasurements();
        var session = await api.CreateSession();
        var student = await api.Join(session.Code);
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 40}""")).StatusCode);
        await using var hub = api.LabHub(student.Token);
        await hub.StartAsync();

        await Problem.Expect(await api.Run(student, 1, """{"threshold": 7}"""), HttpStatusCode.BadRequest);
        var afterHttp = InvalidRejections(metrics);
        Assert.True(afterHttp >= 1, "The API's refusal of invalid input is not counted.");
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Run", 1, JsonDocument.Parse("""{"threshold": 7}""").RootElement));
        DataSelection.Testing.SecurityFigures.Record(DataSelection.Testing.SecurityFigures.FuzzCases, 2, "telemetry");

        await metrics.WaitFor("dataselection.hub.invocation.duration",
            m => (string?)m.Tag("method") == "Run" && (string?)m.Tag("outcome") == "refused", "the refused hub call measured");
        Assert.True(InvalidRejections(metrics) > afterHttp, "The hub's refusal of invalid input is not counted.");
    }

    private static int InvalidRejections(LabMeasurements metrics) =>
        metrics.All.Count(m => m.Instrument == "dataselection.rejections" && (string?)m.Tag("reason") == "invalid");

    private static void AssertNoIdentities(LabMeasurements metrics, TestSession session, TestStudent student) =>
        Assert.DoesNotContain(metrics.All.SelectMany(m => m.Tags.Values),
            value => value is string text && (text.Contains(session.Code, StringComparison.Ordinal) || text.Contains(student.StudentId, StringComparison.Ordinal)));
}
