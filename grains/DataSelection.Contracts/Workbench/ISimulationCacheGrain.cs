namespace DataSelection.Contracts.Workbench;

/// <summary>
/// The cohort-wide result cache, one grain per <see cref="SimulationRequest.CacheKey"/>: 500
/// students on the same slider setting cost one computation, and all see the same answer.
/// </summary>
public interface ISimulationCacheGrain : IGrainWithStringKey
{
    Task<SimulationOutcome?> Lookup();

    Task Store(SimulationOutcome outcome);
}
