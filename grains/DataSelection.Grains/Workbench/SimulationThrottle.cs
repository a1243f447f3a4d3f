using System.Diagnostics;
using DataSelection.Contracts.Lab;
using Microsoft.Extensions.Options;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// Lets one simulation per slot (by default one per core but one) run at a time on a silo, each on its own
/// thread (<see cref="SimulationThreads"/>): more would only share the same cores and slow every one of them
/// down. Fresh student runs wait in a bounded queue; when it is full they are refused at once as
/// <see cref="LabRule.Busy"/> with an estimate of when a retry will find room, instead of piling up work no
/// one will wait for.
/// <para>
/// A simulation computes below the serving threads' priority (<see cref="SimulationQueueOptions.Nice"/>), so
/// cached answers get the cores first, unless students are already waiting on it: one that waited
/// <see cref="UrgentWait"/> for its slot, or has others queued behind it, computes at their priority. On full
/// cores a lower-priority thread gets a fraction of one, and fresh runs would otherwise queue until refused.
/// </para>
/// </summary>
public sealed class SimulationThrottle : IDisposable
{
    /// <summary>The estimate before any simulation has finished: a Part 1 run, the heaviest (docs/BENCHMARKS.md: 95–223 ms).</summary>
    private static readonly TimeSpan FirstEstimate = TimeSpan.FromMilliseconds(200);

    /// <summary>Weight of the newest duration in the moving average: recent enough to follow load, steady enough to ignore one outlier.</summary>
    private const double RecentWeight = 0.2;

    /// <summary>How long background work waits before looking again for a moment when no student's simulation waits.</summary>
    private static readonly TimeSpan BackgroundPatience = TimeSpan.FromMilliseconds(100);

    /// <summary>A simulation that waited this long for its slot (a student's, or a measurement) computes at the serving threads' priority.</summary>
    public static readonly TimeSpan UrgentWait = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _background = new(1, 1);
    private readonly SimulationThreads _calm;
    private readonly SimulationThreads _urgent;
    private readonly int _slotCount;
    private readonly int _maxQueued;
    private readonly Lock _averageGate = new();
    private double _averageSeconds = FirstEstimate.TotalSeconds;
    private int _admitted;
    private int _inBackground;

    public SimulationThrottle(IOptions<SimulationQueueOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slotCount = options.Value.SlotCount;
        _maxQueued = options.Value.QueueBound;
        _slots = new SemaphoreSlim(_slotCount, _slotCount);
        _calm = new SimulationThreads(_slotCount, options.Value.Nice);
        _urgent = options.Value.Nice > 0 ? new SimulationThreads(_slotCount, 0, "simulation-urgent") : _calm;
        SimulationQueueMetrics.Track(this);
    }

    /// <summary>Simulations computing now.</summary>
    public int Running => _slotCount - _slots.CurrentCount;

    /// <summary>Simulations waiting for a slot.</summary>
    public int Queued => Math.Max(0, Volatile.Read(ref _admitted) - (Running - Volatile.Read(ref _inBackground)));

    /// <summary>A student's fresh simulation: computed when a slot is free, queued while the queue has room, refused as busy otherwise.</summary>
    public async Task<T> Run<T>(Func<T> simulation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (Interlocked.Increment(ref _admitted) > _slotCount + _maxQueued)
        {
            var waiting = Interlocked.Decrement(ref _admitted) - _slotCount;
            var retryAfter = RetryAfterSeconds(waiting);
            throw new LabRuleException(LabRule.Busy,
                $"The workbench is busy: {waiting} simulations are waiting on this server. Nothing was run or counted; retry in {retryAfter} s.")
            {
                RetryAfterSeconds = retryAfter,
            };
        }
        return await Compute(simulation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A measurement of the lab's own outcomes, which waits however long the queue is: there is a fixed
    /// handful of them (tracks × parts), each computed once, and scoring locks needs them.
    /// </summary>
    public Task<T> RunMeasurement<T>(Func<T> measurement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        Interlocked.Increment(ref _admitted);
        return Compute(measurement, cancellationToken);
    }

    /// <summary>
    /// Work no student waits for (warming the cohort cache): one at a time, in one slot, and only while no
    /// student's simulation waits for a slot — it gives way between computations, never refuses, and is
    /// not counted in the queue students are refused by.
    /// </summary>
    public async Task<T> RunInBackground<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _background.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                if (Volatile.Read(ref _admitted) < _slotCount && await _slots.WaitAsync(0, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
                await Task.Delay(BackgroundPatience, cancellationToken).ConfigureAwait(false);
            }
            Interlocked.Increment(ref _inBackground);
            try
            {
                return await _calm.Run(work).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inBackground);
                _slots.Release();
            }
        }
        finally
        {
            _background.Release();
        }
    }

    /// <summary>Seconds until a retry should find room: the recent time per simulation × the simulations ahead ÷ the slots, at least one.</summary>
    public int RetryAfterSeconds(int waiting)
    {
        double average;
        lock (_averageGate)
        {
            average = _averageSeconds;
        }
        return Math.Max(1, (int)Math.Ceiling(average * (Math.Max(0, waiting) + 1) / _slotCount));
    }

    public void Dispose()
    {
        SimulationQueueMetrics.Untrack(this);
        _calm.Dispose();
        if (_urgent != _calm)
        {
            _urgent.Dispose();
        }
        _slots.Dispose();
        _background.Dispose();
    }

    private async Task<T> Compute<T>(Func<T> simulation, CancellationToken cancellationToken)
    {
        try
        {
            var asked = Stopwatch.GetTimestamp();
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var started = Stopwatch.GetTimestamp();
                var result = await ThreadsFor(Stopwatch.GetElapsedTime(asked, started)).Run(simulation).ConfigureAwait(false);
                Remember(Stopwatch.GetElapsedTime(started));
                return result;
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }

    /// <summary>The urgent threads for a simulation that <paramref name="waited"/> <see cref="UrgentWait"/> or more, or has others queued behind it; else the calm ones.</summary>
    private SimulationThreads ThreadsFor(TimeSpan waited)
    {
        if (_urgent == _calm || (waited < UrgentWait && Queued == 0))
        {
            return _calm;
        }
        SimulationQueueMetrics.Urgent.Add(1);
        return _urgent;
    }

    private void Remember(TimeSpan duration)
    {
        lock (_averageGate)
        {
            _averageSeconds += RecentWeight * (duration.TotalSeconds - _averageSeconds);
        }
    }
}
