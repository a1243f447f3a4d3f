using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>What a cohort cache entry keeps: the outcome, written once when it is first computed.</summary>
[GenerateSerializer, Alias("ds.CachedOutcomeState")]
public sealed class CachedOutcomeState
{
    [Id(0)] public SimulationOutcome? Outcome { get; set; }
}
