using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// Word n-gram shingles (Broder 1997): every run of n consecutive token hashes becomes one 64-bit
/// shingle hash. A document shorter than n tokens (including an empty one) gives a single shingle
/// made of all its tokens, so short documents still have a signature and identical short documents
/// still match.
/// </summary>
public static class Shingler
{
    // One odd multiplier per position in the shingle makes the hash order-sensitive; the finaliser
    // then mixes the linear combination. Twelve positions cover any shingle size the lab offers.
    private static readonly ulong[] PositionMultipliers = BuildMultipliers(MaximumNgram);

    /// <summary>Largest supported shingle size.</summary>
    public const int MaximumNgram = 12;

    /// <summary>Number of shingles a document of <paramref name="tokens"/> tokens has.</summary>
    public static int CountFor(int tokens, int ngram) => Math.Max(1, tokens - ngram + 1);

    /// <summary>
    /// Writes the shingle hashes of <paramref name="tokens"/> into <paramref name="shingles"/>
    /// (at least <see cref="CountFor"/> long) and returns how many were written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Shingle(ReadOnlySpan<ulong> tokens, int ngram, Span<ulong> shingles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ngram, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ngram, MaximumNgram);
        if (tokens.Length < ngram)
        {
            shingles[0] = HashRun(tokens, ngram);
            return 1;
        }
        var count = tokens.Length - ngram + 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(shingles.Length, count);
        var i = Vector512.IsHardwareAccelerated ? ShingleVector512(tokens, ngram, count, shingles) : 0;
        for (; i < count; i++)
        {
            shingles[i] = HashRun(tokens.Slice(i, ngram), ngram);
        }
        return count;
    }

    /// <summary>The scalar definition of <see cref="Shingle"/>, kept for tests that compare it with the vector path.</summary>
    internal static int ShingleScalar(ReadOnlySpan<ulong> tokens, int ngram, Span<ulong> shingles)
    {
        var count = CountFor(tokens.Length, ngram);
        if (tokens.Length < ngram)
        {
            shingles[0] = HashRun(tokens, ngram);
            return 1;
        }
        for (var i = 0; i < count; i++)
        {
            shingles[i] = HashRun(tokens.Slice(i, ngram), ngram);
        }
        return count;
    }

    /// <summary>Eight shingles at a time: the same sum of products and finaliser as <see cref="HashRun"/>, lane-wise.</summary>
    private static int ShingleVector512(ReadOnlySpan<ulong> tokens, int ngram, int count, Span<ulong> shingles)
    {
        ref var tokenRef = ref MemoryMarshal.GetReference(tokens);
        ref var shingleRef = ref MemoryMarshal.GetReference(shingles);
        var seed = Vector512.Create((ulong)ngram);
        var lengthTag = Vector512.Create((ulong)ngram << 56);
        var i = 0;
        for (; i + Vector512<ulong>.Count <= count; i += Vector512<ulong>.Count)
        {
            var h = seed;
            for (var k = 0; k < ngram; k++)
            {
                h += Vector512.LoadUnsafe(ref tokenRef, (nuint)(i + k)) * Vector512.Create(PositionMultipliers[k]);
            }
            TokenHasher.Finalise(h ^ lengthTag).StoreUnsafe(ref shingleRef, (nuint)i);
        }
        return i;
    }

    /// <summary>The sorted, distinct shingle hashes of a document: its shingle set.</summary>
    public static ulong[] ShingleSet(ReadOnlySpan<ulong> tokens, int ngram)
    {
        var shingles = new ulong[CountFor(tokens.Length, ngram)];
        Shingle(tokens, ngram, shingles);
        Array.Sort(shingles);
        var distinct = shingles.Length == 0 ? 0 : 1;
        for (var i = 1; i < shingles.Length; i++)
        {
            if (shingles[i] != shingles[distinct - 1])
            {
                shingles[distinct++] = shingles[i];
            }
        }
        return shingles[..distinct];
    }

    /// <summary>Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted, distinct shingle sets.</summary>
    public static double Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        var union = a.Length + b.Length - common;
        return union == 0 ? 1.0 : (double)common / union;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashRun(ReadOnlySpan<ulong> run, int ngram)
    {
        var h = (ulong)ngram;
        var multipliers = PositionMultipliers;
        for (var k = 0; k < run.Length; k++)
        {
            h += run[k] * multipliers[k];
        }
        return TokenHasher.Finalise(h ^ ((ulong)run.Length << 56));
    }

    private static ulong[] BuildMultipliers(int count)
    {
        var multipliers = new ulong[count];
        var x = 0x6A09E667F3BCC909UL;   // Fractional digits of √2: arbitrary, documented.
        for (var k = 0; k < count; k++)
        {
            x += 0x9E3779B97F4A7C15UL;
            multipliers[k] = TokenHasher.Finalise(x) | 1UL;
        }
        return multipliers;
    }
}
