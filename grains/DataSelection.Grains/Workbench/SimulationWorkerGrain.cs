using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Simulations;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// Runs the science engine on the thread pool, off every grain's turn, and streams its progress
/// back as it comes. A silo runs at most one simulation per core at a time; the rest wait their turn.
/// </summary>
[StatelessWorker]
public sealed class SimulationWorkerGrain(SimulationThrottle throttle) : Grain, ISimulationWorkerGrain
{
    public async IAsyncEnumerable<SimulationUpdate> Run(
        SimulationRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var updates = Channel.CreateUnbounded<SimulationUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(async () =>
        {
            try
            {
                var outcome = await throttle.Run(() => LabSimulations.Run(request, u => updates.Writer.TryWrite(u), stop.Token), stop.Token);
                updates.Writer.TryWrite(new SimulationUpdate("done", 1.0, null, outcome));
                updates.Writer.TryComplete();
            }
            catch (Exception e)
            {
                updates.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(stop.Token))
            {
                yield return update;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await work;
        }
    }

    public Task<MeasuredOutcome> MeasureOutcome(string track, int part, CancellationToken cancellationToken = default) =>
        Task.Run(() => throttle.Run(() => LabOutcomes.Measure(track, part, cancellationToken), cancellationToken), cancellationToken);
}
