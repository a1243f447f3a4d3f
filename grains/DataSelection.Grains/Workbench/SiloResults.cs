using System.Collections.Concurrent;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// The outcomes held by this silo's active cohort cache grains, by cache key, so a workbench on the same
/// silo answers a cached run without a call to the cache grain. Each cache grain adds its outcome when it has
/// one and removes it when it deactivates, so this holds exactly what the active grains hold; results are
/// deterministic per key, so a copy is never stale.
/// </summary>
public static class SiloResults
{
    private static readonly ConcurrentDictionary<string, SimulationOutcome> Outcomes = new(StringComparer.Ordinal);

    public static bool TryGet(string cacheKey, out SimulationOutcome outcome) => Outcomes.TryGetValue(cacheKey, out outcome!);

    internal static void Hold(string cacheKey, SimulationOutcome outcome) => Outcomes[cacheKey] = outcome;

    internal static void Release(string cacheKey) => Outcomes.TryRemove(cacheKey, out _);
}
