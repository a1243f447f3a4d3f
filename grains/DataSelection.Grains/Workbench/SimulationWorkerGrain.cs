using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Simulations;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// Runs the science engine on the thread pool, off every grain's turn, and pushes its progress to
/// the student as it comes. A silo runs at most one simulation per core at a time; the rest wait.
/// Reentrant: the worker keeps no state, and a busy non-reentrant activation never hears that its
/// caller cancelled, so a superseded run would compute to the end for nobody.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class SimulationWorkerGrain(SimulationThrottle throttle, ISimulationEngine engine) : Grain, ISimulationWorkerGrain
{
    public Task<SimulationOutcome> Run(SimulationRequest request, RunRoute route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        var student = GrainFactory.GetGrain<IStudentGrain>(route.StudentKey);
        void Report(SimulationUpdate update) =>
            _ = student.Publish(new StudentEvent(route.StudentKey, StudentEvent.RunProgress, route.Part, route.RunId, update.Stage, update.Fraction, update.PartialJson));
        return Task.Run(() => throttle.Run(() =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = engine.Run(request, Report, cancellationToken);
            SimulationMetrics.Duration.Record(
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("part", request.Settings.Part));
            return outcome;
        }, cancellationToken), cancellationToken);
    }

    public Task<MeasuredOutcome> MeasureOutcome(string track, int part, CancellationToken cancellationToken = default) =>
        Task.Run(() => throttle.Run(() => LabOutcomes.Measure(track, part, cancellationToken), cancellationToken), cancellationToken);
}
