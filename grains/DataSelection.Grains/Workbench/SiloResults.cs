using System.Collections.Concurrent;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// The outcomes held by this silo's active cohort cache grains, by cache key (a singleton service of the silo),
/// so a workbench on the same silo answers a cached run without a call to the cache grain. Each cache grain adds its outcome when it has
/// one and removes it when it deactivates, so this holds exactly what the active grains hold, and an outcome
/// never changes once computed.
/// </summary>
public sealed class SiloResults
{
    private readonly ConcurrentDictionary<string, SimulationOutcome> _outcomes = new(StringComparer.Ordinal);

    public bool TryGet(string cacheKey, out SimulationOutcome outcome) => _outcomes.TryGetValue(cacheKey, out outcome!);

    internal void Hold(string cacheKey, SimulationOutcome outcome) => _outcomes[cacheKey] = outcome;

    internal void Release(string cacheKey) => _outcomes.TryRemove(cacheKey, out _);
}
