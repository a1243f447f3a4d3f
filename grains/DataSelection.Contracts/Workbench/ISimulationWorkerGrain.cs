namespace DataSelection.Contracts.Workbench;

/// <summary>
/// Measures the answers to the lock questions off the callers' turns (a stateless worker, many per
/// silo). Workbench runs are computed by the cache grain that owns their setting instead, so that
/// cancelling a run stays in one process.
/// </summary>
public interface ISimulationWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>The measured answer to a part's lock question on a track (at the track's defaults).</summary>
    Task<Lab.MeasuredOutcome> MeasureOutcome(string track, int part, CancellationToken cancellationToken = default);
}
