using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Telemetry;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// One cached simulation result, in memory: results are deterministic, so a deactivated cache
/// entry costs one recomputation, never a wrong answer. Reentrant so that students asking for a
/// setting while it is computed join that one computation (a slider position a class moves to at
/// once costs one simulation, not one per student).
/// </summary>
[Reentrant]
public sealed class SimulationCacheGrain(SimulationRunner runner) : Grain, ISimulationCacheGrain
{
    private static readonly KeyValuePair<string, object?> Hit = new("hit", true);
    private static readonly KeyValuePair<string, object?> Miss = new("hit", false);

    private SimulationOutcome? _outcome;
    private SharedComputation? _computing;

    public Task<SimulationOutcome?> Lookup() => Task.FromResult(_outcome);

    public async Task<CachedOutcome> GetOrCompute(SimulationRequest request, RunRoute route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        var hit = _outcome is not null;
        SimulationMetrics.CacheLookups.Add(1, hit ? Hit : Miss);
        using (var activity = SimulationTracing.Source.StartActivity(SimulationTracing.CacheLookupSpan))
        {
            activity?.SetTag(SimulationTracing.HitTag, hit);
        }
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
                _computing = Start(request, route);
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
        var computation = _computing = Start(request, route: null);
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

    private SharedComputation Start(SimulationRequest request, RunRoute? route)
    {
        var stop = new CancellationTokenSource();
        return new SharedComputation(stop, Compute(stop, request, route));
    }

    private async Task<SimulationOutcome> Compute(CancellationTokenSource stop, SimulationRequest request, RunRoute? route)
    {
        try
        {
            var outcome = await runner.Run(GrainFactory, request, route, stop.Token);
            _outcome = outcome;
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

    /// <summary>A computation in flight, the switch that stops it, and how many callers wait for it.</summary>
    private sealed class SharedComputation(CancellationTokenSource stop, Task<SimulationOutcome> result)
    {
        public CancellationTokenSource Stop { get; } = stop;

        public Task<SimulationOutcome> Result { get; } = result;

        public int Waiting { get; set; }
    }
}
