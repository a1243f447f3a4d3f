using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Hosting;
using Microsoft.Extensions.Logging;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// One cached simulation result. Reentrant so that students asking for a setting while it is
/// computed join that one computation (a slider position a class moves to at once costs one
/// simulation, not one per student). The outcome is stored once, when first computed: a recorded
/// run keeps only its settings, and a result includes what the run measured on the machine (Part 1's
/// MinHash throughput), so a page redrawn after a restart must get these very numbers back, not a
/// recomputation. If that one write fails, the outcome is still answered, and only a restart would
/// compute it again.
/// </summary>
[Reentrant]
public sealed partial class SimulationCacheGrain(
    [PersistentState("outcome", LabStorage.Name)] IPersistentState<CachedOutcomeState> state,
    SimulationRunner runner,
    SiloResults siloResults,
    ILogger<SimulationCacheGrain> logger) : Grain, ISimulationCacheGrain
{
    private SimulationOutcome? _outcome;
    private SharedComputation? _computing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _outcome = state.State.Outcome;
        if (_outcome is not null)
        {
            siloResults.Hold(this.GetPrimaryKeyString(), _outcome);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        siloResults.Release(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<SimulationOutcome?> Lookup() => Task.FromResult(_outcome);

    public async Task<CachedOutcome> GetOrCompute(SimulationRequest request, RunRoute? route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        SimulationMetrics.LookedUp(hit: _outcome is not null);
        while (true)
        {
            if (_outcome is { } cached)
            {
                return new CachedOutcome(cached, FromCache: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (_computing is { Result.IsCompleted: true })
            {
                _computing = null;
            }
            if (_computing is null)
            {
                _computing = Start(request, route, route is null ? SimulationLane.Waiting : SimulationLane.Student);
            }
            else
            {
                SimulationMetrics.CacheJoins.Add(1);
            }
            var computation = _computing;
            computation.Waiting++;
            try
            {
                return new CachedOutcome(await computation.Result.WaitAsync(cancellationToken), FromCache: false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Everyone else waiting gave up and stopped that computation just before this
                // caller joined it: start a fresh one.
            }
            finally
            {
                if (--computation.Waiting == 0 && !computation.Result.IsCompleted)
                {
                    await computation.Stop.CancelAsync();
                }
            }
        }
    }

    public async Task Warm(SimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_outcome is not null || _computing is { Result.IsCompleted: false })
        {
            return;
        }
        var computation = _computing = Start(request, route: null, SimulationLane.Background);
        computation.Waiting++;
        try
        {
            await computation.Result;
        }
        finally
        {
            computation.Waiting--;
        }
    }

    private SharedComputation Start(SimulationRequest request, RunRoute? route, SimulationLane lane)
    {
        var stop = new CancellationTokenSource();
        return new SharedComputation(stop, Compute(stop, request, route, lane));
    }

    private async Task<SimulationOutcome> Compute(CancellationTokenSource stop, SimulationRequest request, RunRoute? route, SimulationLane lane)
    {
        try
        {
            var outcome = await runner.Run(GrainFactory, request, route, lane, stop.Token);
            _outcome = outcome;
            siloResults.Hold(this.GetPrimaryKeyString(), outcome);
            await Keep(outcome);
            return outcome;
        }
        finally
        {
            // A failed or stopped computation is forgotten, so the next caller tries again.
            if (ReferenceEquals(_computing?.Stop, stop))
            {
                _computing = null;
            }
            stop.Dispose();
        }
    }

    private async Task Keep(SimulationOutcome outcome)
    {
        state.State.Outcome = outcome;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogNotKept(logger, e, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cohort cache entry {Key}: storing the computed outcome failed; it is answered from memory")]
    private static partial void LogNotKept(ILogger logger, Exception exception, string key);

    /// <summary>A computation in flight, the switch that stops it, and how many callers wait for it.</summary>
    private sealed class SharedComputation(CancellationTokenSource stop, Task<SimulationOutcome> result)
    {
        public CancellationTokenSource Stop { get; } = stop;

        public Task<SimulationOutcome> Result { get; } = result;

        public int Waiting { get; set; }
    }
}
