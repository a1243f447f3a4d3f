using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSelection.Contracts.Workbench;
using Microsoft.Extensions.DependencyInjection;

namespace DataSelection.Gateway.Tests.Warmup;

/// <summary>A gateway that warms the cohort cache on a new session: only the defaults (no steps), to keep the test short.</summary>
public sealed class WarmingGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("DataSelection:Simulation:Warmup", "true"), ("DataSelection:Simulation:WarmupSteps", "0")];
}

public sealed class CohortWarmupTests(WarmingGatewayFactory factory) : IClassFixture<WarmingGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task A_new_session_warms_every_tracks_defaults_so_a_students_first_run_comes_from_the_cache()
    {
        var session = await api.CreateSession("Warm class");
        var warmup = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICohortWarmupGrain>(0);
        var progress = await Eventually.Until(warmup.GetProgress, p => p.Total > 0 && p.Done == p.Total, "the warm-up to finish");
        // Four tracks × (Part 1's defaults, Part 2's defaults under each of its three scores, Part 3's defaults).
        Assert.Equal(20, progress.Total);
        Assert.Equal(0, progress.Failed);
        // What a load test (or an operator) waits on: nothing left to warm.
        var metrics = await Eventually.Until(() => api.Http.GetStringAsync("/metrics"), text => text.Contains("dataselection_warmup_pending", StringComparison.Ordinal), "the warm-up gauge");
        Assert.Equal(0, Client.Load.PrometheusText.Sum(metrics, "dataselection_warmup_pending"));

        var student = await api.Join(session.Code, "Early", "edge-guardian");
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 3, """{"choice": "degrades"}""")).StatusCode);
        var run = await api.Run(student, 3);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.True((await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fromCache").GetBoolean());
    }
}
