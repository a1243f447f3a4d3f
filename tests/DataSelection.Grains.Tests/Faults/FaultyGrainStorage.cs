using Orleans.Runtime;
using Orleans.Storage;

namespace DataSelection.Grains.Tests.Faults;

/// <summary>How an injected storage fault shows itself.</summary>
public enum StorageFault
{
    /// <summary>The write throws at once, as a full disk or a refused connection does.</summary>
    Fails,

    /// <summary>The write hangs, then gives up with a <see cref="TimeoutException"/>, as a stalled store does.</summary>
    TimesOut,
}

/// <summary>
/// The lab's real grain storage with switches for faults: the next N writes of a state (all states if
/// none named) fail or time out; reads can fail too. Every fault it injects is counted.
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long a timing-out write hangs before it gives up: long enough to be a stall, short enough for a test.</summary>
    public static readonly TimeSpan StallBeforeTimeout = TimeSpan.FromMilliseconds(300);

    private readonly Lock _gate = new();
    private int _writesToBreak;
    private StorageFault _writeFault;
    private string? _writeTarget;
    private bool _readsBroken;
    private int _injected;
    private HeldWrite? _held;

    /// <summary>The storage underneath, to read what is really stored without going through a grain.</summary>
    public IGrainStorage Inner => inner;

    /// <summary>Breaks the next <paramref name="count"/> writes of <paramref name="stateName"/> (any state when null).</summary>
    public void BreakNextWrites(int count, StorageFault fault = StorageFault.Fails, string? stateName = null)
    {
        lock (_gate)
        {
            _writesToBreak = count;
            _writeFault = fault;
            _writeTarget = stateName;
        }
    }

    public void BreakReads()
    {
        lock (_gate)
        {
            _readsBroken = true;
        }
    }

    /// <summary>
    /// Holds the next write of <paramref name="grainId"/>'s <paramref name="stateName"/> before it reaches the store,
    /// as a slow disk does: <c>Entered</c> completes once it is held, and it goes on when <c>Release</c> is completed.
    /// </summary>
    public HeldWrite HoldNextWrite(string stateName, GrainId grainId)
    {
        var held = new HeldWrite(stateName, grainId);
        lock (_gate)
        {
            _held = held;
        }
        return held;
    }

    /// <summary>Clears every switch (and lets a held write go on).</summary>
    public void Heal()
    {
        lock (_gate)
        {
            _writesToBreak = 0;
            _readsBroken = false;
            _held?.Release.TrySetResult();
            _held = null;
        }
    }

    /// <summary>The faults injected since the last call.</summary>
    public int TakeInjected() => Interlocked.Exchange(ref _injected, 0);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            if (_readsBroken)
            {
                Interlocked.Increment(ref _injected);
                throw new IOException($"Injected fault: reading {stateName} of {grainId} failed.");
            }
        }
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        StorageFault? fault = null;
        HeldWrite? held = null;
        lock (_gate)
        {
            if (_held is { } waiting && waiting.StateName == stateName && waiting.GrainId == grainId)
            {
                (held, _held) = (waiting, null);
            }
            if (_writesToBreak > 0 && (_writeTarget is null || _writeTarget == stateName))
            {
                _writesToBreak--;
                fault = _writeFault;
                Interlocked.Increment(ref _injected);
            }
        }
        if (held is not null)
        {
            held.Entered.TrySetResult();
            await held.Release.Task;
        }
        switch (fault)
        {
            case StorageFault.Fails:
                throw new IOException($"Injected fault: writing {stateName} of {grainId} failed.");
            case StorageFault.TimesOut:
                await Task.Delay(StallBeforeTimeout);
                throw new TimeoutException($"Injected fault: writing {stateName} of {grainId} timed out.");
            default:
                await inner.WriteStateAsync(stateName, grainId, grainState);
                break;
        }
    }

    /// <summary>Opens the store underneath at silo start, as it would without the switches (its opening is idempotent).</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>A write held by <see cref="FaultyGrainStorage.HoldNextWrite"/>.</summary>
public sealed class HeldWrite(string stateName, GrainId grainId)
{
    public string StateName { get; } = stateName;

    public GrainId GrainId { get; } = grainId;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
