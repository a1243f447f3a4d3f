using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// The result of a recorded run, which no grain but the cohort cache stores: the cache answers it from the
/// track and settings, and computes it again (waiting for a slot, never refused as busy) only if it never
/// stored it (a failed write of a freshly computed result).
/// </summary>
public static class RecordedResults
{
    public static async Task<string> Of(IGrainFactory grains, string track, WorkbenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var request = new SimulationRequest(track, settings, LabCatalog.LabSeed);
        var cached = await grains.GetGrain<ISimulationCacheGrain>(request.CacheKey()).GetOrCompute(request, route: null).ConfigureAwait(false);
        return cached.Outcome.ResultJson;
    }
}
