using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSelection.Gateway.Auth;
using DataSelection.Grains.Tests.Faults;
using DataSelection.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DataSelection.Gateway.Tests.Faults;

/// <summary>
/// Faults under the real gateway: storage that does not confirm, a simulation that throws, and clients that go away
/// mid-run. The caller always gets a clear answer (never a 500), the gateway logs no error for a client leaving, a
/// run is recorded once or not at all, and the student carries on.
/// </summary>
[Trait("Category", "Security")]
public sealed class GatewayFaultTests(FaultGatewayFactory factory) : IClassFixture<FaultGatewayFactory>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly LabApi _api = LabApi.For(factory);
    private int _serverErrors;

    public void Dispose()
    {
        factory.Storage.Heal();
        SecurityFigures.Record(SecurityFigures.FaultsInjected, factory.Storage.TakeInjected() + factory.Engine.TakeInjected(), "gateway");
        SecurityFigures.Record(SecurityFigures.ServerErrors, _serverErrors, "gateway faults");
    }

    [Fact]
    public async Task Storage_that_does_not_confirm_a_join_a_lock_or_a_run_answers_503_with_retry_after_and_the_same_request_then_succeeds()
    {
        var session = await _api.CreateSession();
        factory.Storage.BreakNextWrites(1, StorageFault.Fails, "session");
        var join = () => _api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/students", json: """{"name": "Ada", "track": "cloud-titan"}""");
        await ExpectNotSaved(await Watch(join()));
        var student = await _api.Join(session.Code);
        var roster = await Watch(_api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/roster", instructorKey: session.InstructorKey));
        Assert.Equal(1, (await roster.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());

        factory.Storage.BreakNextWrites(1, StorageFault.TimesOut, "student");
        await ExpectNotSaved(await Watch(_api.Lock(student, 1, """{"value": 30}""")));
        Assert.Equal(JsonValueKind.Null, (await Part(student, 1)).GetProperty("lock").ValueKind);
        Assert.Equal(HttpStatusCode.Created, (await Watch(_api.Lock(student, 1, """{"value": 30}"""))).StatusCode);

        factory.Storage.BreakNextWrites(1, StorageFault.Fails, "student");
        await ExpectNotSaved(await Watch(_api.Run(student, 1, """{"threshold": 0.6}""")));
        Assert.Equal(0, (await Part(student, 1)).GetProperty("runs").GetInt32());
        var run = await Watch(_api.Run(student, 1, """{"threshold": 0.6}"""));
        Assert.Equal(1, (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runNumber").GetInt32());
        await ExpectLedgerRuns(student, 1);
    }

    [Fact]
    public async Task Storage_that_cannot_be_read_answers_503_with_retry_after_and_once_it_reads_again_the_same_request_gets_its_answer()
    {
        var session = await _api.CreateSession();
        var student = await _api.Join(session.Code);
        // A session and a student no grain has loaded yet: answering means reading storage first.
        var unknown = SessionCode.Generate();
        var join = () => _api.Send(HttpMethod.Post, $"/api/sessions/{unknown}/students", json: """{"name": "Ada", "track": "cloud-titan"}""");
        factory.Storage.BreakReads();
        try
        {
            var refused = await Watch(join());
            await Problem.ExpectRule(refused, HttpStatusCode.ServiceUnavailable, "StorageUnavailable");
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("storage", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            factory.Storage.Heal();
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Watch(join())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Watch(_api.Lock(student, 1, """{"value": 30}"""))).StatusCode);

        // Over the hub: the student's grain, unloaded, cannot be read back.
        await using var hub = _api.LabHub(student.Token);
        await LabApi.OpenLabHub(hub);
        await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        factory.Storage.BreakReads();
        try
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("GetState"));
            Assert.Contains("StorageUnavailable: ", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            factory.Storage.Heal();
        }
        var state = await hub.InvokeAsync<JsonElement>("GetState");
        Assert.Equal(30, state.GetProperty("parts")[0].GetProperty("lock").GetProperty("prediction").GetProperty("value").GetDouble());
        Assert.Equal(0, _serverErrors);
    }

    [Fact]
    public async Task A_simulation_that_throws_answers_503_run_failed_over_http_and_a_hub_error_over_signalr_and_the_next_run_counts_as_run_one()
    {
        var student = await JoinedAndLocked();
        factory.Engine.BreakNextRuns(1);
        var failed = await Watch(_api.Run(student, 1, """{"threshold": 0.65}"""));
        await Problem.ExpectRule(failed, HttpStatusCode.ServiceUnavailable, "RunFailed");

        await using var hub = _api.LabHub(student.Token);
        await hub.StartAsync();
        factory.Engine.BreakNextRuns(1);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Run", 1, Parameters("""{"threshold": 0.65}""")));
        Assert.Contains("RunFailed", refused.Message, StringComparison.Ordinal);

        Assert.Equal(0, (await Part(student, 1)).GetProperty("runs").GetInt32());
        var run = await hub.InvokeAsync<JsonElement>("Run", 1, Parameters("""{"threshold": 0.65}"""));
        Assert.Equal(1, run.GetProperty("runNumber").GetInt32());
        await ExpectLedgerRuns(student, 1);
    }

    [Fact]
    public async Task A_run_whose_http_request_is_aborted_midway_still_completes_is_recorded_once_and_logs_no_error()
    {
        var student = await JoinedAndLocked();
        factory.Errors.Clear();
        var held = factory.Engine.HoldNextRun();
        using var abort = new CancellationTokenSource();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/parts/1/runs")
        {
            Content = JsonContent.Create(new { parameters = new { threshold = 0.7 } }),
        };
        request.Headers.Authorization = new("Bearer", student.Token);

        var sent = _api.Http.SendAsync(request, abort.Token);
        await held.Entered.WaitAsync(Bound);
        await abort.CancelAsync();
        held.Release();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent.WaitAsync(Bound));

        // The run is the student's, not the connection's: it finishes and counts once.
        await Eventually.Until(() => Part(student, 1), part => part.GetProperty("runs").GetInt32() == 1, "the aborted request's run to be recorded");
        await ExpectLedgerRuns(student, 1);
        var next = await Watch(_api.Run(student, 1, """{"threshold": 0.75}"""));
        Assert.Equal(2, (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runNumber").GetInt32());
        Assert.Equal(2, (await Part(student, 1)).GetProperty("runs").GetInt32());
        Assert.Empty(factory.Errors);
    }

    [Fact]
    public async Task A_hub_connection_dropped_while_its_run_is_in_flight_records_the_run_once_and_the_student_reconnects_and_carries_on()
    {
        var student = await JoinedAndLocked();
        factory.Errors.Clear();
        var held = factory.Engine.HoldNextRun();
        var dropped = _api.LabHub(student.Token);
        await dropped.StartAsync();

        var inFlight = dropped.InvokeAsync<JsonElement>("Run", 1, Parameters("""{"threshold": 0.8}"""));
        await held.Entered.WaitAsync(Bound);
        await dropped.DisposeAsync();
        held.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => inFlight.WaitAsync(Bound));

        await Eventually.Until(() => Part(student, 1), part => part.GetProperty("runs").GetInt32() == 1, "the dropped connection's run to be recorded");
        await using var again = _api.LabHub(student.Token);
        await again.StartAsync();
        var state = await again.InvokeAsync<JsonElement>("GetState");
        var part = state.GetProperty("parts")[0];
        Assert.Equal(1, part.GetProperty("runs").GetInt32());
        Assert.Equal(1, part.GetProperty("latestRun").GetProperty("runNumber").GetInt32());
        var next = await again.InvokeAsync<JsonElement>("Run", 1, Parameters("""{"threshold": 0.85}"""));
        Assert.Equal(2, next.GetProperty("runNumber").GetInt32());
        await ExpectLedgerRuns(student, 2);
        Assert.Empty(factory.Errors);
    }

    private static JsonElement Parameters(string json) => JsonDocument.Parse(json).RootElement;

    private async Task<TestStudent> JoinedAndLocked()
    {
        var session = await _api.CreateSession();
        var student = await _api.Join(session.Code);
        Assert.Equal(HttpStatusCode.Created, (await Watch(_api.Lock(student, 1, """{"value": 30}"""))).StatusCode);
        return student;
    }

    private async Task<JsonElement> Part(TestStudent student, int part) => (await _api.Me(student)).GetProperty("parts")[part - 1];

    private async Task ExpectLedgerRuns(TestStudent student, int count)
    {
        var ledger = await Watch(_api.Send(HttpMethod.Get, "/api/me/ledger", student.Token));
        var entries = (await ledger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, entries.Count), entries.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Equal(count, entries.Count(e => e.GetProperty("kind").GetString() == "run"));
    }

    private static async Task ExpectNotSaved(HttpResponseMessage response)
    {
        await Problem.ExpectRule(response, HttpStatusCode.ServiceUnavailable, "NotSaved");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    /// <summary>Counts any 500 as a server error for the figures (a deliberate 503 is the right answer, not a bug).</summary>
    private async Task<HttpResponseMessage> Watch(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            _serverErrors++;
        }
        return response;
    }
}
