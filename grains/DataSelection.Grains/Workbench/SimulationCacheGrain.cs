using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Telemetry;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// One cached simulation result, in memory: results are deterministic, so a deactivated cache
/// entry costs one recomputation, never a wrong answer.
/// </summary>
public sealed class SimulationCacheGrain : Grain, ISimulationCacheGrain
{
    private static readonly KeyValuePair<string, object?> Hit = new("hit", true);
    private static readonly KeyValuePair<string, object?> Miss = new("hit", false);

    private SimulationOutcome? _outcome;

    public Task<SimulationOutcome?> Lookup()
    {
        var hit = _outcome is not null;
        SimulationMetrics.CacheLookups.Add(1, hit ? Hit : Miss);
        using var activity = SimulationTracing.Source.StartActivity(SimulationTracing.CacheLookupSpan);
        activity?.SetTag(SimulationTracing.HitTag, hit);
        return Task.FromResult(_outcome);
    }

    public Task Store(SimulationOutcome outcome)
    {
        _outcome ??= outcome;
        return Task.CompletedTask;
    }
}
