using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// One cached simulation result, in memory: results are deterministic, so a deactivated cache
/// entry costs one recomputation, never a wrong answer.
/// </summary>
public sealed class SimulationCacheGrain : Grain, ISimulationCacheGrain
{
    private SimulationOutcome? _outcome;

    public Task<SimulationOutcome?> Lookup() => Task.FromResult(_outcome);

    public Task Store(SimulationOutcome outcome)
    {
        _outcome ??= outcome;
        return Task.CompletedTask;
    }
}
