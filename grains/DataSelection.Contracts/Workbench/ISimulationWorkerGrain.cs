namespace DataSelection.Contracts.Workbench;

/// <summary>
/// Runs the science engine off the callers' turns (a stateless worker, many per silo), streaming
/// progress and partial results, and stopping when cancelled.
/// </summary>
public interface ISimulationWorkerGrain : IGrainWithIntegerKey
{
    IAsyncEnumerable<SimulationUpdate> Run(SimulationRequest request, CancellationToken cancellationToken = default);

    /// <summary>The measured answer to a part's lock question on a track (at the track's defaults).</summary>
    Task<Lab.MeasuredOutcome> MeasureOutcome(string track, int part, CancellationToken cancellationToken = default);
}
