using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Simulations;
using DataSelection.Grains.Telemetry;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// Measures the answers to the lock questions on the thread pool, off every grain's turn, within the
/// silo's simulation slots (measurements always wait for a slot: they are a fixed handful per track).
/// </summary>
[StatelessWorker]
public sealed class SimulationWorkerGrain(SimulationThrottle throttle) : Grain, ISimulationWorkerGrain
{
    public Task<MeasuredOutcome> MeasureOutcome(string track, int part, CancellationToken cancellationToken = default) =>
        Task.Run(() => throttle.RunMeasurement(() => LabOutcomes.Measure(track, part, cancellationToken), cancellationToken), cancellationToken);
}
