using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Gateway.Tests;

public sealed class JourneyTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task A_student_and_an_instructor_go_through_part_one_with_live_pushes_ledger_dashboard_and_export()
    {
        var session = await api.CreateSession("Journey");
        await using var instructorHub = api.InstructorHub(session);
        var dashboards = new HubEvents(instructorHub, "Dashboard");
        await LabApi.OpenInstructorHub(instructorHub);

        var student = await api.Join(session.Code, "Grace Hopper", "edge-guardian");
        await using var labHub = api.LabHub(student.Token);
        var events = new HubEvents(labHub, "StudentEvent");
        await LabApi.OpenLabHub(labHub);

        var me = await api.Me(student);
        Assert.Equal("edge-guardian", me.GetProperty("track").GetString());
        Assert.All(me.GetProperty("parts").EnumerateArray(), part => Assert.Equal("open", part.GetProperty("status").GetString()));

        var locked = await api.Lock(student, 1, """{"value": 42}""");
        Assert.Equal(HttpStatusCode.Created, locked.StatusCode);

        var ran = await api.Run(student, 1, """{"threshold": 0.85}""");
        Assert.Equal(HttpStatusCode.OK, ran.StatusCode);
        var run = await ran.Content.ReadFromJsonAsync<JsonElement>();
        var runId = run.GetProperty("runId").GetString()!;
        Assert.Equal(JsonValueKind.Object, run.GetProperty("result").ValueKind);
        Assert.False(run.GetProperty("fromCache").GetBoolean(), "The first run of a fresh service computes.");

        // Progress streamed while computing, then the result: all on the hub, in the grain's sequence order.
        var result = await events.WaitFor(e => e.GetProperty("kind").GetString() == "run-result" && e.GetProperty("runId").GetString() == runId, "the run's result on the hub");
        Assert.Equal(JsonValueKind.Object, result.GetProperty("data").ValueKind);
        var ofRun = events.All.Where(e => e.GetProperty("runId").GetString() == runId).ToList();
        Assert.Contains(ofRun, e => e.GetProperty("kind").GetString() == "run-progress");
        var sequences = ofRun.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);

        Assert.Equal(HttpStatusCode.OK, (await api.Reflect(student, 1)).StatusCode);

        me = await api.Me(student);
        var part1 = me.GetProperty("parts")[0];
        Assert.Equal("reflected", part1.GetProperty("status").GetString());
        Assert.Equal(42, part1.GetProperty("lock").GetProperty("prediction").GetProperty("value").GetDouble());
        Assert.Equal(1, part1.GetProperty("runs").GetInt32());
        Assert.Equal(runId, part1.GetProperty("latestRun").GetProperty("runId").GetString());
        Assert.Equal(JsonValueKind.Object, part1.GetProperty("latestResult").ValueKind);

        var state = await labHub.InvokeAsync<JsonElement>("GetState");
        Assert.Equal("reflected", state.GetProperty("parts")[0].GetProperty("status").GetString());

        var ledger = await (await api.Send(HttpMethod.Get, "/api/me/ledger", student.Token)).Content.ReadFromJsonAsync<JsonElement>();
        var kinds = ledger.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("lock", kinds);
        Assert.Contains("run", kinds);
        Assert.Contains("reflection", kinds);
        var markdown = await api.Send(HttpMethod.Get, "/api/me/ledger.md", student.Token);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var report = await markdown.Content.ReadAsStringAsync();
        Assert.Contains("Grace Hopper", report, StringComparison.Ordinal);
        Assert.Contains("Part 1: The Deduplication Audit", report, StringComparison.Ordinal);

        var dashboard = await Eventually.Until(() => api.Dashboard(session),
            d => d.GetProperty("progress")[0].GetProperty("reflected").GetInt32() == 1, "the dashboard to count the reflection");
        Assert.Equal(1, dashboard.GetProperty("joined").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("progress")[0].GetProperty("locked").GetInt32());
        var pushed = await dashboards.WaitFor(d => d.GetProperty("joined").GetInt32() == 1, "a pushed dashboard with the student");
        Assert.Equal(session.Code, pushed.GetProperty("code").GetString());
        var roster = await (await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/roster", instructorKey: session.InstructorKey))
            .Content.ReadFromJsonAsync<JsonElement>();
        var entry = Assert.Single(roster.GetProperty("entries").EnumerateArray());
        Assert.Equal(student.StudentId, entry.GetProperty("studentId").GetString());
        Assert.Equal("reflected", entry.GetProperty("partStatuses")[0].GetString());
        var resync = await instructorHub.InvokeAsync<JsonElement>("GetDashboard");
        Assert.Equal(1, resync.GetProperty("joined").GetInt32());

        var csv = await (await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/export?format=csv", instructorKey: session.InstructorKey)).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(student.StudentId, lines[1], StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", lines[1], StringComparison.Ordinal);
        Assert.Contains("42%", lines[1], StringComparison.Ordinal);
        var json = await (await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/export?format=json", instructorKey: session.InstructorKey))
            .Content.ReadFromJsonAsync<JsonElement>();
        var exported = Assert.Single(json.GetProperty("students").EnumerateArray());
        Assert.Equal(student.StudentId, exported.GetProperty("identity").GetProperty("studentId").GetString());
        Assert.Equal(42, exported.GetProperty("parts")[0].GetProperty("lock").GetProperty("prediction").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Pacing_reaches_students_and_instructors_on_their_hubs()
    {
        var session = await api.CreateSession("Pacing");
        var student = await api.Join(session.Code);
        await using var labHub = api.LabHub(student.Token);
        var studentPacing = new HubEvents(labHub, "Pacing");
        await LabApi.OpenLabHub(labHub);
        await using var instructorHub = api.InstructorHub(session);
        var instructorPacing = new HubEvents(instructorHub, "Pacing");
        await LabApi.OpenInstructorHub(instructorHub);

        var closed = await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/parts/3/close", instructorKey: session.InstructorKey);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        static bool PartThreeClosed(JsonElement info) => !info.GetProperty("pacing")[2].GetProperty("open").GetBoolean();
        await studentPacing.WaitFor(PartThreeClosed, "pacing on the student's hub");
        await instructorPacing.WaitFor(PartThreeClosed, "pacing on the instructor's hub");
        var me = await Eventually.Until(() => api.Me(student), m => m.GetProperty("parts")[2].GetProperty("status").GetString() == "closed", "part 3 closed in /api/me");
        Assert.Equal("open", me.GetProperty("parts")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_run_through_the_lab_hub_answers_its_summary_and_pushes_its_result_once()
    {
        var session = await api.CreateSession("Hub run");
        var student = await api.Join(session.Code, "Lin", "tiny-pioneer");
        await using var labHub = api.LabHub(student.Token);
        var events = new HubEvents(labHub, "StudentEvent");
        await LabApi.OpenLabHub(labHub);

        var refused = await Assert.ThrowsAsync<HubException>(() => labHub.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("{}").RootElement));
        Assert.Contains("LockRequired", refused.Message, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 3, """{"choice": "degrades"}""")).StatusCode);
        var run = await labHub.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.5}""").RootElement);
        var runId = run.GetProperty("runId").GetString();
        Assert.Equal(1, run.GetProperty("runNumber").GetInt32());
        Assert.True(run.GetProperty("summary").GetProperty("metrics").EnumerateObject().Any());
        // The answer leaves the result to the push, so it crosses the wire once.
        Assert.Equal(JsonValueKind.Null, run.GetProperty("result").ValueKind);
        var pushed = await events.WaitFor(e => e.GetProperty("kind").GetString() == "run-result" && e.GetProperty("runId").GetString() == runId, "the run's result event");
        Assert.Equal(JsonValueKind.Object, pushed.GetProperty("data").ValueKind);

        var part = (await api.Me(student)).GetProperty("parts")[2];
        Assert.Equal(1, part.GetProperty("runs").GetInt32());
        Assert.Equal(pushed.GetProperty("data").GetRawText(), part.GetProperty("latestResult").GetRawText());
    }

    [Fact]
    public async Task Each_open_tab_of_a_student_gets_its_runs_and_a_closed_tab_or_another_student_does_not()
    {
        var session = await api.CreateSession("Tabs");
        var student = await api.Join(session.Code, "Ada", "tiny-pioneer");
        var classmate = await api.Join(session.Code, "Alan", "tiny-pioneer");
        await using var first = api.LabHub(student.Token);
        await using var second = api.LabHub(student.Token);
        await using var other = api.LabHub(classmate.Token);
        var firstEvents = new HubEvents(first, "StudentEvent");
        var secondEvents = new HubEvents(second, "StudentEvent");
        var otherEvents = new HubEvents(other, "StudentEvent");
        await Task.WhenAll(LabApi.OpenLabHub(first), LabApi.OpenLabHub(second), LabApi.OpenLabHub(other));
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 3, """{"choice": "degrades"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(classmate, 3, """{"choice": "degrades"}""")).StatusCode);

        static bool ResultOf(JsonElement e, string? runId) => e.GetProperty("kind").GetString() == "run-result" && e.GetProperty("runId").GetString() == runId;
        var both = (await first.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.5}""").RootElement)).GetProperty("runId").GetString();
        await firstEvents.WaitFor(e => ResultOf(e, both), "the result in the tab that ran");
        await secondEvents.WaitFor(e => ResultOf(e, both), "the result in the student's other tab");

        await first.StopAsync();
        var secondOnly = (await second.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.25}""").RootElement)).GetProperty("runId").GetString();
        await secondEvents.WaitFor(e => ResultOf(e, secondOnly), "the result in the tab still open");

        // The classmate's own run reaches the classmate: by then, anything of the student's sent to them would have too.
        var theirs = (await other.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.75}""").RootElement)).GetProperty("runId").GetString();
        await otherEvents.WaitFor(e => ResultOf(e, theirs), "the classmate's own result");
        Assert.DoesNotContain(otherEvents.All, e => e.GetProperty("runId").GetString() is { } id && (id == both || id == secondOnly));
        Assert.DoesNotContain(firstEvents.All, e => e.GetProperty("runId").GetString() == secondOnly);
    }
}
