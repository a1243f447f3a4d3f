using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Workbench;

namespace DataSelection.Grains.Tests.Faults;

/// <summary>
/// The lab's simulations with switches for faults: the next N runs throw as buggy science would, or the
/// next run reports some progress and then stalls until released or cancelled. Every fault is counted.
/// </summary>
public sealed class FaultySimulationEngine : ISimulationEngine
{
    private readonly LabSimulationEngine _real = new();
    private int _runsToBreak;
    private int _injected;
    private HeldRun? _hold;
    private int _started;

    /// <summary>Simulations started (faulty or not) since the engine was made.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Makes the next <paramref name="count"/> runs throw.</summary>
    public void BreakNextRuns(int count) => Interlocked.Exchange(ref _runsToBreak, count);

    /// <summary>Stops the next run midway (after its first progress report) until <see cref="HeldRun.Release"/> or cancellation.</summary>
    public HeldRun HoldNextRun()
    {
        var hold = new HeldRun();
        Interlocked.Exchange(ref _hold, hold);
        return hold;
    }

    /// <summary>The faults injected since the last call.</summary>
    public int TakeInjected() => Interlocked.Exchange(ref _injected, 0);

    public SimulationOutcome Run(SimulationRequest request, Action<SimulationUpdate> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Interlocked.Increment(ref _started);
        if (Interlocked.Decrement(ref _runsToBreak) >= 0)
        {
            Interlocked.Increment(ref _injected);
            throw new InvalidOperationException("Injected fault: the simulation hit a bug.");
        }
        Interlocked.Exchange(ref _runsToBreak, 0);
        if (Interlocked.Exchange(ref _hold, null) is { } hold)
        {
            Interlocked.Increment(ref _injected);
            report(new SimulationUpdate("held", 0.5, null));
            hold.Wait(cancellationToken);
        }
        return _real.Run(request, report, cancellationToken);
    }

    /// <summary>A run stopped midway by the test.</summary>
    public sealed class HeldRun
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _left = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the run is midway and waiting.</summary>
        public Task Entered => _entered.Task;

        /// <summary>Completes once the run stopped waiting, whether released or cancelled.</summary>
        public Task Left => _left.Task;

        public void Release() => _released.TrySetResult();

        internal void Wait(CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            try
            {
                _released.Task.Wait(cancellationToken);
            }
            finally
            {
                _left.TrySetResult();
            }
        }
    }
}
