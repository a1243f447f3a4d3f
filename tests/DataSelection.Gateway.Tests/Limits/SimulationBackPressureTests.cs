using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSelection.Grains.Workbench;
using DataSelection.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DataSelection.Gateway.Tests.Limits;

[Trait("Category", "Security")]
public sealed class SimulationBackPressureTests(OneSlotGatewayFactory factory) : IClassFixture<OneSlotGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task A_fresh_run_on_a_full_silo_gets_503_Busy_with_Retry_After_cached_runs_still_answer_and_a_retry_later_runs()
    {
        var session = await api.CreateSession();
        var early = await api.Join(session.Code, "Early", "tiny-pioneer");
        var late = await api.Join(session.Code, "Late", "tiny-pioneer");
        foreach (var student in new[] { early, late })
        {
            await api.Lock(student, 3, """{"choice": "improves"}""");
        }
        Assert.Equal(HttpStatusCode.OK, (await api.Run(early, 3, """{"mix": 0.25, "intensity": 0.1}""")).StatusCode);
        var before = await Limited.Footprint(api, late, 3);

        await using (await OccupyTheOnlySlot())
        {
            await Limited.ExpectRetryLater(await api.Run(late, 3, """{"mix": 0.75, "intensity": 0.1}"""), HttpStatusCode.ServiceUnavailable, "Busy");
            Assert.Equal(before, await Limited.Footprint(api, late, 3));

            var cached = await api.Run(late, 3, """{"mix": 0.25, "intensity": 0.1}""");
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.True((await cached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fromCache").GetBoolean());
        }

        Assert.Equal(HttpStatusCode.OK, (await api.Run(late, 3, """{"mix": 0.75, "intensity": 0.1}""")).StatusCode);
        Assert.Equal(before.Runs + 2, (await Limited.Footprint(api, late, 3)).Runs);
    }

    [Fact]
    public async Task A_fresh_hub_run_on_a_full_silo_is_refused_with_a_hub_error_naming_Busy_and_the_wait()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code, "Hub", "tiny-pioneer");
        await api.Lock(student, 3, """{"choice": "improves"}""");
        await using var hub = api.LabHub(student.Token);
        await hub.StartAsync();

        await using (await OccupyTheOnlySlot())
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.35, "intensity": 0.2}""").RootElement));
            Assert.Contains("HubException: Busy: ", refused.Message, StringComparison.Ordinal);
            Assert.Matches(@"retry in \d+ s\.", refused.Message);
            Assert.Equal(0, (await Limited.Footprint(api, student, 3)).Runs);
        }

        await hub.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.35, "intensity": 0.2}""").RootElement);
        Assert.Equal(1, (await Limited.Footprint(api, student, 3)).Runs);
    }

    [Fact]
    public async Task A_burst_of_fresh_runs_beyond_the_queue_gets_only_answers_or_Busy_never_a_server_error()
    {
        var session = await api.CreateSession();
        var students = new List<TestStudent>();
        for (var i = 0; i < 8; i++)
        {
            var student = await api.Join(session.Code, $"Burst {i}", "tiny-pioneer");
            await api.Lock(student, 3, """{"choice": "improves"}""");
            students.Add(student);
        }

        var responses = await Task.WhenAll(students.Select((s, i) => api.Run(s, 3, $$"""{"mix": 0.{{i + 1}}5, "intensity": 0.3}""")));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        var serverErrors = statuses.Count(s => (int)s >= 500 && s != HttpStatusCode.ServiceUnavailable);
        SecurityFigures.Record(SecurityFigures.ServerErrors, serverErrors, "simulation back-pressure");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        foreach (var busy in responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable))
        {
            await Limited.ExpectRetryLater(busy, HttpStatusCode.ServiceUnavailable, "Busy");
        }
        for (var i = 0; i < students.Count; i++)
        {
            Assert.Equal(statuses[i] == HttpStatusCode.OK ? 1 : 0, (await Limited.Footprint(api, students[i], 3)).Runs);
        }
    }

    [Fact]
    public async Task A_hub_message_over_the_size_limit_closes_that_connection_and_harms_neither_the_student_nor_the_gateway()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code, "Large", "tiny-pioneer");
        await api.Lock(student, 3, """{"choice": "improves"}""");
        var before = await Limited.Footprint(api, student, 3);
        await using var hub = api.LabHub(student.Token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        var oversized = JsonDocument.Parse(JsonSerializer.Serialize(new { mix = 0.5, padding = new string('x', 4096) })).RootElement;

        await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<JsonElement>("Run", 3, oversized));

        await closed.Task.WaitAsync(Eventually.Timeout);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        Assert.Equal(before, await Limited.Footprint(api, student, 3));
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/health/ready")).StatusCode);
        await using var again = api.LabHub(student.Token);
        await again.StartAsync();
        await again.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.5}""").RootElement);
        Assert.Equal(before.Runs + 1, (await Limited.Footprint(api, student, 3)).Runs);
        SecurityFigures.Record(SecurityFigures.FuzzCases, 1, "hub");
    }

    /// <summary>Holds the silo's one simulation slot with a simulation that waits until disposed.</summary>
    private async Task<IAsyncDisposable> OccupyTheOnlySlot()
    {
        var throttle = factory.Services.GetRequiredService<SimulationThrottle>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = Task.Run(() => throttle.Run(
            () =>
            {
                started.SetResult();
                release.Task.Wait();
                return 0;
            },
            CancellationToken.None));
        await started.Task.WaitAsync(Eventually.Timeout);
        return new SlotHold(release, holding);
    }

    private sealed class SlotHold(TaskCompletionSource release, Task holding) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            release.SetResult();
            await holding;
        }
    }
}
