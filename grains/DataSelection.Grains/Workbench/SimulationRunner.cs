using System.Diagnostics;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Telemetry;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// Runs one workbench simulation on this silo's simulation threads, off every grain's turn, pushing its
/// progress to the student as it comes (paced: <see cref="ProgressPacer"/>). A silo runs at most one simulation per slot at a time; the
/// rest wait in a bounded queue, and a run that finds it full is refused as busy (see
/// <see cref="SimulationThrottle"/>). Called by the cache grain that owns the setting, so that
/// cancelling stays in one process: a cancellation sent to a stateless worker may reach another
/// activation than the one computing, and the run would go on for nobody.
/// </summary>
public sealed class SimulationRunner(SimulationThrottle throttle, ISimulationEngine engine)
{
    /// <param name="route">Where progress goes; null when nobody watches it.</param>
    /// <param name="lane">How it waits for a slot.</param>
    public Task<SimulationOutcome> Run(IGrainFactory grains, SimulationRequest request, RunRoute? route, SimulationLane lane, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(request);
        var report = route is null ? static _ => { } : ProgressTo(grains, route);
        return Task.Run(async () =>
        {
            // Started before the wait for a slot, so the span shows queueing and computing apart.
            using var activity = SimulationTracing.Source.StartActivity(SimulationTracing.SimulateSpan);
            if (activity is not null)
            {
                activity.SetTag(SimulationTracing.PartTag, request.Settings.Part);
                activity.SetTag(SimulationTracing.TrackTag, request.Track);
                activity.SetTag(SimulationTracing.KindTag, request.Settings.GetType().Name);
                activity.SetTag(SimulationTracing.CachedTag, false);
                activity.SetTag(SimulationTracing.RunIdTag, route?.RunId);
            }
            var queued = Stopwatch.GetTimestamp();
            SimulationOutcome Simulate()
            {
                var started = Stopwatch.GetTimestamp();
                activity?.SetTag(SimulationTracing.QueuedTag, Stopwatch.GetElapsedTime(queued, started).TotalMilliseconds);
                var outcome = engine.Run(request, report, cancellationToken);
                SimulationMetrics.Duration.Record(
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    new KeyValuePair<string, object?>("part", request.Settings.Part));
                return outcome;
            }
            return lane switch
            {
                SimulationLane.Background => await throttle.RunInBackground(Simulate, cancellationToken).ConfigureAwait(false),
                SimulationLane.Waiting => await throttle.RunMeasurement(Simulate, cancellationToken).ConfigureAwait(false),
                _ => await throttle.Run(Simulate, cancellationToken).ConfigureAwait(false),
            };
        }, cancellationToken);
    }

    private static Action<SimulationUpdate> ProgressTo(IGrainFactory grains, RunRoute route)
    {
        var student = grains.GetGrain<IStudentGrain>(route.StudentKey);
        var pacer = new ProgressPacer(update => _ = student.Publish(
            new StudentEvent(route.StudentKey, StudentEvent.RunProgress, route.Part, route.RunId, update.Stage, update.Fraction, update.PartialJson)),
            TimeProvider.System);
        return pacer.Report;
    }
}
