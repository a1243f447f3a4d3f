namespace DataSelection.Contracts.Workbench;

/// <summary>
/// Runs the science engine off the callers' turns (a stateless worker, many per silo). Progress
/// and partial results go straight to the student's page through their student grain, so the
/// worker needs no conversation with its caller while it runs; cancelling the call stops the run.
/// </summary>
/// <remarks>
/// Not an IAsyncEnumerable: a stream's calls may land on different activations of a stateless
/// worker, which do not share the enumerator.
/// </remarks>
public interface ISimulationWorkerGrain : IGrainWithIntegerKey
{
    Task<SimulationOutcome> Run(SimulationRequest request, RunRoute route, CancellationToken cancellationToken = default);

    /// <summary>The measured answer to a part's lock question on a track (at the track's defaults).</summary>
    Task<Lab.MeasuredOutcome> MeasureOutcome(string track, int part, CancellationToken cancellationToken = default);
}

/// <summary>Where a run's progress goes: the student grain and the run it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("ds.RunRoute")]
public sealed record RunRoute(
    [property: Id(0)] string StudentKey,
    [property: Id(1)] int Part,
    [property: Id(2)] string RunId);
