using System.Runtime.InteropServices;

namespace DataSelection.Simulation.Icr;

/// <summary>
/// Counts of (context, word) pairs in one flat open-addressing table with linear probing: a
/// training run touches hundreds of thousands of pairs, and a dictionary keyed by tuples would
/// spend more time hashing and allocating than the model spends counting.
/// </summary>
internal sealed class BigramCounts
{
    // Growing at half full keeps linear-probing chains short (expected probes ≈ 1.5 on a hit).
    private const double MaxLoadFactor = 0.5;

    // Starting small and doubling costs less than sizing for the token count: distinct pairs are a
    // fraction of tokens, and a table sized for tokens spends its time faulting in untouched pages.
    private const int InitialCapacity = 1 << 12;

    // The size the last table on this thread grew to. The next model (most often the same track's
    // corpus at another slider setting) starts there instead of doubling its way up again, which
    // allocates a large array per doubling and made growing an eighth of a busy server's CPU. Counts
    // never depend on the table's size (nothing enumerates it), so results stay bit-identical.
    [ThreadStatic]
    private static int t_lastCapacity;

    // A finished model's table, cleared and used by the next model on this thread (see Recycle): a
    // workbench run's deduplicated ICR run would otherwise allocate megabytes that die at once, most of
    // what a Part 1 run allocates, and every such allocation brings the server's next collection closer.
    [ThreadStatic]
    private static Entry[]? t_spare;

    private Entry[] _entries;
    private int _mask;
    private int _count;

    public BigramCounts()
    {
        var capacity = Math.Max(InitialCapacity, t_lastCapacity);
        if (t_spare is { } spare && spare.Length >= capacity)
        {
            t_spare = null;
            Array.Clear(spare);
            _entries = spare;
        }
        else
        {
            _entries = new Entry[capacity];
        }
        _mask = _entries.Length - 1;
    }

    /// <summary>Distinct pairs seen at least once.</summary>
    public int DistinctPairs => _count;

    /// <summary>Adds one occurrence of (context, word) and returns its new count.</summary>
    public int Increment(int context, int word)
    {
        var slot = SlotOf(context, word);
        ref var entry = ref _entries[slot];
        if (entry.Count == 0)
        {
            entry.Context = context;
            entry.Word = word;
            entry.Count = 1;
            _count++;
            if (_count > _entries.Length * MaxLoadFactor)
            {
                Grow();
            }
            return 1;
        }
        return ++entry.Count;
    }

    /// <summary>
    /// Gives this table to the next <see cref="BigramCounts"/> made on this thread. This instance is done:
    /// using it afterwards throws.
    /// </summary>
    public void Recycle()
    {
        if (_entries.Length > (t_spare?.Length ?? 0))
        {
            t_spare = _entries;
        }
        _entries = [];
        _mask = 0;
        _count = 0;
    }

    /// <summary>How often (context, word) has been seen; zero if never.</summary>
    public int CountOf(int context, int word) => _entries[SlotOf(context, word)].Count;

    // An empty slot (count zero) ends the probe: counts only ever grow, so nothing is deleted.
    private int SlotOf(int context, int word)
    {
        var entries = _entries;
        var slot = Hash(context, word) & _mask;
        while (true)
        {
            ref var entry = ref entries[slot];
            if (entry.Count == 0 || (entry.Context == context && entry.Word == word))
            {
                return slot;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        t_lastCapacity = _entries.Length;
        foreach (var entry in old)
        {
            if (entry.Count != 0)
            {
                _entries[SlotOf(entry.Context, entry.Word)] = entry;
            }
        }
    }

    // Fibonacci hashing of the packed pair: one multiply spreads both halves over the high bits.
    private static int Hash(int context, int word)
    {
        var key = ((ulong)(uint)context << 32) | (uint)word;
        return (int)((key * 0x9E3779B97F4A7C15UL) >> 33);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public int Context;
        public int Word;
        public int Count;
    }
}
