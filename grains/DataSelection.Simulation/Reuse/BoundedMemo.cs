using System.Collections.Concurrent;

namespace DataSelection.Simulation.Reuse;

/// <summary>
/// Values computed once per key and kept for later callers, at most <c>capacity</c> of them, least recently
/// used first out. Concurrent callers of one key share one computation; a computation that throws is
/// forgotten, so the next caller computes it again. Compute without a caller's cancellation: one caller
/// giving up must not leave a cancelled value for the others.
/// </summary>
public sealed class BoundedMemo<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private long _clock;

    public TValue GetOrCompute(TKey key, Func<TKey, TValue> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var entry = _entries.GetOrAdd(key, k => new Entry(new Lazy<TValue>(() => compute(k))));
        entry.LastUsed = Interlocked.Increment(ref _clock);
        try
        {
            var value = entry.Value.Value;
            while (_entries.Count > capacity)
            {
                _entries.TryRemove(_entries.MinBy(pair => pair.Value.LastUsed));
            }
            return value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            throw;
        }
    }

    private sealed class Entry(Lazy<TValue> value)
    {
        public Lazy<TValue> Value { get; } = value;

        public long LastUsed { get; set; }
    }
}
