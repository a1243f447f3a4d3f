using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;
using DataSelection.Gateway.Auth;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataSelection.Gateway.Tests.Security;

/// <summary>An instructor ends a session: it refuses everything new, its tokens die, its data stays with the instructor.</summary>
[Trait("Category", "Security")]
public sealed class SessionEndTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Ending_a_session_refuses_new_joins_and_kills_its_student_tokens()
    {
        var session = await api.CreateSession("Ends today");
        var elsewhere = await api.CreateSession("Goes on");
        var alice = await api.Join(session.Code, "Alice");
        var bob = await api.Join(elsewhere.Code, "Bob");
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(alice, 1, """{"value": 30}""")).StatusCode);

        var ended = await End(session);
        Assert.True(ended.GetProperty("ended").GetBoolean());

        await Problem.ExpectRule(await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/students", json: """{"name": "Late", "track": "cloud-titan"}"""),
            HttpStatusCode.Gone, nameof(LabRule.SessionEnded));
        await Problem.ExpectRule(await api.Send(HttpMethod.Get, "/api/me", alice.Token), HttpStatusCode.Unauthorized, nameof(LabRule.SessionEnded));
        await Problem.ExpectRule(await api.Send(HttpMethod.Get, "/api/me/ledger", alice.Token), HttpStatusCode.Unauthorized, nameof(LabRule.SessionEnded));
        await Problem.ExpectRule(await api.Lock(alice, 2, """{"choice": "fewer"}"""), HttpStatusCode.Unauthorized, nameof(LabRule.SessionEnded));
        await Problem.ExpectRule(await api.Run(alice, 1), HttpStatusCode.Unauthorized, nameof(LabRule.SessionEnded));
        await Problem.ExpectRule(await api.Reflect(alice, 1), HttpStatusCode.Unauthorized, nameof(LabRule.SessionEnded));
        await Problem.ExpectRule(await api.Send(HttpMethod.Post, "/api/me/parts/2/knee", alice.Token, """{"value": 200}"""),
            HttpStatusCode.Unauthorized, nameof(LabRule.SessionEnded));

        // Another session's student goes on as before.
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(bob, 1, """{"value": 60}""")).StatusCode);
        // Nothing the dead token tried was written.
        var ledger = await Grains.GetGrain<IStudentGrain>(StudentKey.For(session.Code, alice.StudentId)).GetLedger();
        Assert.Equal([LedgerEntry.Joined, LedgerEntry.Lock], ledger.Entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task Ending_is_idempotent_and_the_instructor_still_reads_the_dashboard_roster_and_export_but_cannot_pace()
    {
        var session = await api.CreateSession();
        var alice = await api.Join(session.Code, "Alice");
        await api.Lock(alice, 1, """{"value": 42}""");

        await End(session);
        var again = await End(session);
        Assert.True(again.GetProperty("ended").GetBoolean());

        Assert.Equal(1, (await api.Dashboard(session)).GetProperty("joined").GetInt32());
        var roster = await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/roster", instructorKey: session.InstructorKey);
        Assert.Contains("Alice", await roster.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var export = await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/export?format=json", instructorKey: session.InstructorKey);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var students = (await export.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("students");
        Assert.Equal(42, students[0].GetProperty("parts")[0].GetProperty("lock").GetProperty("prediction").GetProperty("value").GetDouble());
        await Problem.ExpectRule(await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/parts/1/close", instructorKey: session.InstructorKey),
            HttpStatusCode.Gone, nameof(LabRule.SessionEnded));
        var info = await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}");
        Assert.True((await info.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ended").GetBoolean());
    }

    [Fact]
    public async Task A_live_lab_hub_connection_is_told_and_closed_when_the_session_ends_and_cannot_come_back()
    {
        var session = await api.CreateSession();
        var alice = await api.Join(session.Code, "Alice");
        await using var connection = api.LabHub(alice.Token);
        var told = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("SessionEnded", info => told.TrySetResult(info));
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        Assert.Equal(alice.StudentId, (await connection.InvokeAsync<JsonElement>("GetState")).GetProperty("studentId").GetString());

        await End(session);

        await closed.Task.WaitAsync(Eventually.Timeout);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        if (told.Task.IsCompleted)
        {
            Assert.True((await told.Task).GetProperty("ended").GetBoolean());
        }
        await using var again = api.LabHub(alice.Token);
        await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());
    }

    [Fact]
    public async Task The_student_grain_refuses_every_write_of_an_ended_session_even_if_a_gateway_let_it_through()
    {
        var session = await api.CreateSession();
        var alice = await api.Join(session.Code, "Alice");
        await api.Lock(alice, 1, """{"value": 30}""");
        var student = Grains.GetGrain<IStudentGrain>(StudentKey.For(session.Code, alice.StudentId));

        await Grains.GetGrain<ISessionGrain>(session.Code).EndSession();

        await ExpectEnded(() => student.Lock(2, new Prediction(null, "fewer")));
        await ExpectEnded(() => student.BeginRun(1));
        await ExpectEnded(() => student.Reflect(1, "Reflections after the end must not be written to the ledger."));
        await ExpectEnded(() => student.SubmitKnee(200));
        await ExpectEnded(() => Grains.GetGrain<ISessionGrain>(session.Code).Join("Late", "cloud-titan"));
        Assert.Equal(2, (await student.GetLedger()).Entries.Length);
    }

    [Fact]
    public async Task A_gateway_that_missed_the_end_asks_the_session_at_most_once_per_recheck_interval()
    {
        var session = await api.CreateSession();
        var alice = await api.Join(session.Code, "Alice");
        var clock = new ManualClock();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(EndedSessions.RecheckSecondsKey, "5")]).Build();
        var cache = new EndedSessions(Grains, clock, configuration);

        Assert.False(await cache.HasEnded(session.Code));
        // Ended through another gateway: this cache was not told.
        await Grains.GetGrain<ISessionGrain>(session.Code).EndSession();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(await cache.HasEnded(session.Code)); // answered from the cache: no grain call
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await cache.HasEnded(session.Code));
        Assert.True(cache.IsKnownEnded(session.Code));

        // This gateway's own cache was never told either: it asks on the token's first use.
        await Problem.ExpectRule(await api.Send(HttpMethod.Get, "/api/me", alice.Token), HttpStatusCode.Unauthorized, nameof(LabRule.SessionEnded));
    }

    private async Task<JsonElement> End(TestSession session)
    {
        var response = await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/end", instructorKey: session.InstructorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ExpectEnded(Func<Task> action)
    {
        var refusal = await Assert.ThrowsAsync<LabRuleException>(action);
        Assert.Equal(LabRule.SessionEnded, refusal.Rule);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
