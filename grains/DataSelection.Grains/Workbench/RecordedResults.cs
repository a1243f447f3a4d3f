using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// The result of a recorded run, which no grain stores: results are deterministic, so the cohort cache
/// answers it from the track and settings, and computes it again (waiting for a slot, never refused as
/// busy) if the cache dropped it, which gives the same JSON.
/// </summary>
public static class RecordedResults
{
    public static async Task<string> Of(IGrainFactory grains, string track, WorkbenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var request = new SimulationRequest(track, settings, LabCatalog.LabSeed);
        var cache = grains.GetGrain<ISimulationCacheGrain>(request.CacheKey());
        var outcome = await cache.Lookup().ConfigureAwait(false) ?? (await cache.GetOrCompute(request, route: null).ConfigureAwait(false)).Outcome;
        return outcome.ResultJson;
    }
}
