using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Workbench;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataSelection.Grains.Warmup;

/// <summary>
/// Walks every track's <see cref="SliderNeighbourhood"/> for every part and asks each setting's cache grain
/// to warm itself, one setting at a time (each computes in its own silo's background lane, behind any
/// student). Reentrant so progress can be read and a second request is absorbed while a walk is under way.
/// </summary>
[Reentrant]
public sealed partial class CohortWarmupGrain(IOptions<SimulationQueueOptions> options, ILogger<CohortWarmupGrain> logger) : Grain, ICohortWarmupGrain
{
    private Task? _walk;
    private WarmupProgress _progress = new(0, 0, 0);

    public Task Warm()
    {
        if (_walk is not { IsCompleted: false })
        {
            _walk = Walk();
        }
        return Task.CompletedTask;
    }

    public Task<WarmupProgress> GetProgress() => Task.FromResult(_progress);

    private async Task Walk()
    {
        var requests = (
            from track in LabCatalog.Tracks
            from part in LabCatalog.Parts
            from settings in SliderNeighbourhood.Around(track.Id, part.Number, options.Value.WarmupSteps)
            select new SimulationRequest(track.Id, settings, LabCatalog.LabSeed)).ToArray();
        _progress = new WarmupProgress(0, requests.Length, 0);
        WarmupMetrics.Add(requests.Length);
        var failed = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            try
            {
                await GrainFactory.GetGrain<ISimulationCacheGrain>(requests[i].CacheKey()).Warm(requests[i]);
            }
            catch (Exception e)
            {
                // A setting that failed to warm is computed when a student asks for it; the walk goes on.
                failed++;
                LogWarmFailed(logger, e, requests[i].Track, requests[i].Settings.CanonicalForm());
            }
            finally
            {
                WarmupMetrics.Add(-1);
            }
            _progress = new WarmupProgress(i + 1, requests.Length, failed);
        }
        LogWarmed(logger, requests.Length, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming the cohort cache for {Track} {Settings} failed")]
    private static partial void LogWarmFailed(ILogger logger, Exception exception, string track, string settings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cohort cache warmed: {Settings} settings, {Failed} failed")]
    private static partial void LogWarmed(ILogger logger, int settings, int failed);
}
