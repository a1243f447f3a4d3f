using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Simulations;
using DataSelection.Grains.Telemetry;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// Runs the science engine on the thread pool, off every grain's turn, and pushes its progress to
/// the student as it comes. A silo runs at most one simulation per slot at a time; the rest wait in
/// a bounded queue, and a run that finds it full is refused as busy (see <see cref="SimulationThrottle"/>).
/// Reentrant: the worker keeps no state, and a busy non-reentrant activation never hears that its
/// caller cancelled, so a superseded run would compute to the end for nobody.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class SimulationWorkerGrain(SimulationThrottle throttle, ISimulationEngine engine) : Grain, ISimulationWorkerGrain
{
    public async Task<SimulationOutcome> Run(SimulationRequest request, RunRoute route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        var student = GrainFactory.GetGrain<IStudentGrain>(route.StudentKey);
        void Report(SimulationUpdate update) =>
            _ = student.Publish(new StudentEvent(route.StudentKey, StudentEvent.RunProgress, route.Part, route.RunId, update.Stage, update.Fraction, update.PartialJson));
        // Started before the wait for a core, so the span shows queueing and computing apart.
        using var activity = SimulationTracing.Source.StartActivity(SimulationTracing.SimulateSpan);
        if (activity is not null)
        {
            activity.SetTag(SimulationTracing.PartTag, request.Settings.Part);
            activity.SetTag(SimulationTracing.TrackTag, request.Track);
            activity.SetTag(SimulationTracing.KindTag, request.Settings.GetType().Name);
            activity.SetTag(SimulationTracing.CachedTag, false);
            activity.SetTag(SimulationTracing.RunIdTag, route.RunId);
        }
        var queued = System.Diagnostics.Stopwatch.GetTimestamp();
        return await Task.Run(() => throttle.Run(() =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            activity?.SetTag(SimulationTracing.QueuedTag, System.Diagnostics.Stopwatch.GetElapsedTime(queued, started).TotalMilliseconds);
            var outcome = engine.Run(request, Report, cancellationToken);
            SimulationMetrics.Duration.Record(
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("part", request.Settings.Part));
            return outcome;
        }, cancellationToken), cancellationToken);
    }

    public Task<MeasuredOutcome> MeasureOutcome(string track, int part, CancellationToken cancellationToken = default) =>
        Task.Run(() => throttle.RunMeasurement(() => LabOutcomes.Measure(track, part, cancellationToken), cancellationToken), cancellationToken);
}
