using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Dedup;

/// <summary>The instruction width a <see cref="MinHasher"/> signs with; every path gives identical signatures.</summary>
internal enum MinHashPath
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

/// <summary>
/// MinHash signatures (Broder 1997): for each of <see cref="NumPerm"/> hash functions, the minimum
/// over a document's shingle hashes. P[two signatures agree at a position] = Jaccard of the shingle sets.
/// </summary>
/// <remarks>
/// Permutation i is datasketch's universal hash h ↦ (aᵢ·h + bᵢ) mod p, p = 2⁶¹ − 1, with aᵢ uniform
/// in [1, p) and bᵢ uniform in [0, p) drawn from the seed. The arithmetic is exactly this, on 64-bit
/// shingle hashes: x = (aᵢ·h + bᵢ) mod 2⁶⁴ (wrapping, as datasketch's numpy uint64 does),
/// y = x mod p (exact), and the signature value is the top 32 bits of the 61-bit minimum, ⌊min y / 2²⁹⌋
/// (an unsigned 32-bit value; taking the top bits keeps every bit of h in play). Since ⌊·/2²⁹⌋ is
/// monotone, truncating the minimum equals the minimum of the truncated values.
/// </remarks>
public sealed class MinHasher
{
    /// <summary>The Mersenne prime 2⁶¹ − 1 of datasketch's permutations.</summary>
    public const ulong MersennePrime = (1UL << 61) - 1;

    // Signatures are computed in blocks of permutations whose minima stay in registers while the
    // document's shingles stream past: 128 per block on the 512-bit path (sixteen registers), eight
    // registers' worth on the narrower paths. Permutations are padded to a whole 512-bit block.
    private const int Vector512Block = 128;
    private const int PermutationBlock = Vector512Block;
    private const int RegistersPerBlock = 8;

    private readonly ulong[] _a;
    private readonly ulong[] _b;

    public MinHasher(int numPerm, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numPerm, 1);
        NumPerm = numPerm;
        var padded = (numPerm + PermutationBlock - 1) / PermutationBlock * PermutationBlock;
        _a = new ulong[padded];
        _b = new ulong[padded];
        var random = new SeededRandom(seed);
        for (var i = 0; i < padded; i++)
        {
            // Padding permutations are drawn after the real ones, so they never change them.
            _a[i] = 1 + random.NextUInt64() % (MersennePrime - 1);
            _b[i] = random.NextUInt64() % MersennePrime;
        }
    }

    public int NumPerm { get; }

    /// <summary>The widest path this machine accelerates.</summary>
    internal static MinHashPath BestPath { get; } =
        Vector512.IsHardwareAccelerated ? MinHashPath.Vector512
        : Vector256.IsHardwareAccelerated ? MinHashPath.Vector256
        : Vector128.IsHardwareAccelerated ? MinHashPath.Vector128
        : MinHashPath.Scalar;

    /// <summary>Whether <paramref name="path"/> runs accelerated here (the scalar path always does).</summary>
    internal static bool IsSupported(MinHashPath path) => path switch
    {
        MinHashPath.Vector512 => Vector512.IsHardwareAccelerated,
        MinHashPath.Vector256 => Vector256.IsHardwareAccelerated,
        MinHashPath.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };

    /// <summary>Length of the scratch buffer <see cref="Sign(ReadOnlySpan{ulong}, Span{uint}, Span{ulong})"/> needs.</summary>
    public int ScratchLength => _a.Length;

    /// <summary>The signature of a document given its shingle hashes (at least one).</summary>
    public uint[] Sign(ReadOnlySpan<ulong> shingles)
    {
        var signature = new uint[NumPerm];
        Sign(shingles, signature, new ulong[ScratchLength]);
        return signature;
    }

    /// <summary>Writes the signature into <paramref name="signature"/>, using <paramref name="scratch"/> (<see cref="ScratchLength"/> long).</summary>
    public void Sign(ReadOnlySpan<ulong> shingles, Span<uint> signature, Span<ulong> scratch) =>
        Sign(shingles, signature, scratch, BestPath);

    internal void Sign(ReadOnlySpan<ulong> shingles, Span<uint> signature, Span<ulong> scratch, MinHashPath path)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signature.Length, NumPerm);
        ArgumentOutOfRangeException.ThrowIfLessThan(scratch.Length, _a.Length);
        var minima = scratch[.._a.Length];
        switch (path)
        {
            case MinHashPath.Vector512:
                SignVector512(shingles, minima);
                break;
            case MinHashPath.Vector256:
                SignVector256(shingles, minima);
                break;
            case MinHashPath.Vector128:
                SignVector128(shingles, minima);
                break;
            default:
                SignScalar(shingles, minima);
                break;
        }
        for (var i = 0; i < NumPerm; i++)
        {
            signature[i] = (uint)(minima[i] >> 29);
        }
    }

    /// <summary>Estimated Jaccard: the share of positions where two signatures agree.</summary>
    public static double EstimateJaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) =>
        (double)Agreements(a, b) / a.Length;

    /// <summary>Number of positions where two equally long signatures agree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Agreements(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(b.Length, a.Length);
        var agree = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<uint>.Count <= a.Length; i += Vector256<uint>.Count)
            {
                var equal = Vector256.Equals(Vector256.Create(a.Slice(i, Vector256<uint>.Count)), Vector256.Create(b.Slice(i, Vector256<uint>.Count)));
                agree += System.Numerics.BitOperations.PopCount(equal.ExtractMostSignificantBits());
            }
        }
        for (; i < a.Length; i++)
        {
            agree += a[i] == b[i] ? 1 : 0;
        }
        return agree;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Reduce(ulong x)
    {
        // x mod (2⁶¹ − 1) for any 64-bit x: 2⁶¹ ≡ 1, so fold the top 3 bits down, then subtract p once if needed.
        var y = (x & MersennePrime) + (x >> 61);
        return y >= MersennePrime ? y - MersennePrime : y;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SignScalar(ReadOnlySpan<ulong> shingles, Span<ulong> minima)
    {
        for (var i = 0; i < minima.Length; i++)
        {
            var a = _a[i];
            var b = _b[i];
            var min = MersennePrime;
            foreach (var h in shingles)
            {
                min = Math.Min(min, Reduce(unchecked(a * h + b)));
            }
            minima[i] = min;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Reduce(Vector512<ulong> x, Vector512<ulong> p)
    {
        var y = (x & p) + (x >> 61);
        // Unsigned min(y, y − p) subtracts p exactly when y ≥ p (otherwise y − p wraps to a huge value).
        return Vector512.Min(y, y - p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Reduce(Vector256<ulong> x, Vector256<ulong> p)
    {
        var y = (x & p) + (x >> 61);
        return Vector256.Min(y, y - p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reduce(Vector128<ulong> x, Vector128<ulong> p)
    {
        var y = (x & p) + (x >> 61);
        return Vector128.Min(y, y - p);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SignVector512(ReadOnlySpan<ulong> shingles, Span<ulong> minima)
    {
        // All 128 minima of a block live in sixteen 512-bit registers for the whole document; each
        // shingle hash is broadcast once; the multipliers and offsets are read from L1 as operands.
        var p = Vector512.Create(MersennePrime);
        ref var aRef = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var bRef = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var mRef = ref MemoryMarshal.GetReference(minima);
        const int lanes = 8;
        for (nuint block = 0; block < (nuint)_a.Length; block += Vector512Block)
        {
            Vector512<ulong> m0 = p, m1 = p, m2 = p, m3 = p, m4 = p, m5 = p, m6 = p, m7 = p;
            Vector512<ulong> m8 = p, m9 = p, m10 = p, m11 = p, m12 = p, m13 = p, m14 = p, m15 = p;
            ref var a = ref Unsafe.Add(ref aRef, block);
            ref var b = ref Unsafe.Add(ref bRef, block);
            foreach (var h in shingles)
            {
                var hv = Vector512.Create(h);
                m0 = Vector512.Min(m0, Reduce(Vector512.LoadUnsafe(ref a, 0 * lanes) * hv + Vector512.LoadUnsafe(ref b, 0 * lanes), p));
                m1 = Vector512.Min(m1, Reduce(Vector512.LoadUnsafe(ref a, 1 * lanes) * hv + Vector512.LoadUnsafe(ref b, 1 * lanes), p));
                m2 = Vector512.Min(m2, Reduce(Vector512.LoadUnsafe(ref a, 2 * lanes) * hv + Vector512.LoadUnsafe(ref b, 2 * lanes), p));
                m3 = Vector512.Min(m3, Reduce(Vector512.LoadUnsafe(ref a, 3 * lanes) * hv + Vector512.LoadUnsafe(ref b, 3 * lanes), p));
                m4 = Vector512.Min(m4, Reduce(Vector512.LoadUnsafe(ref a, 4 * lanes) * hv + Vector512.LoadUnsafe(ref b, 4 * lanes), p));
                m5 = Vector512.Min(m5, Reduce(Vector512.LoadUnsafe(ref a, 5 * lanes) * hv + Vector512.LoadUnsafe(ref b, 5 * lanes), p));
                m6 = Vector512.Min(m6, Reduce(Vector512.LoadUnsafe(ref a, 6 * lanes) * hv + Vector512.LoadUnsafe(ref b, 6 * lanes), p));
                m7 = Vector512.Min(m7, Reduce(Vector512.LoadUnsafe(ref a, 7 * lanes) * hv + Vector512.LoadUnsafe(ref b, 7 * lanes), p));
                m8 = Vector512.Min(m8, Reduce(Vector512.LoadUnsafe(ref a, 8 * lanes) * hv + Vector512.LoadUnsafe(ref b, 8 * lanes), p));
                m9 = Vector512.Min(m9, Reduce(Vector512.LoadUnsafe(ref a, 9 * lanes) * hv + Vector512.LoadUnsafe(ref b, 9 * lanes), p));
                m10 = Vector512.Min(m10, Reduce(Vector512.LoadUnsafe(ref a, 10 * lanes) * hv + Vector512.LoadUnsafe(ref b, 10 * lanes), p));
                m11 = Vector512.Min(m11, Reduce(Vector512.LoadUnsafe(ref a, 11 * lanes) * hv + Vector512.LoadUnsafe(ref b, 11 * lanes), p));
                m12 = Vector512.Min(m12, Reduce(Vector512.LoadUnsafe(ref a, 12 * lanes) * hv + Vector512.LoadUnsafe(ref b, 12 * lanes), p));
                m13 = Vector512.Min(m13, Reduce(Vector512.LoadUnsafe(ref a, 13 * lanes) * hv + Vector512.LoadUnsafe(ref b, 13 * lanes), p));
                m14 = Vector512.Min(m14, Reduce(Vector512.LoadUnsafe(ref a, 14 * lanes) * hv + Vector512.LoadUnsafe(ref b, 14 * lanes), p));
                m15 = Vector512.Min(m15, Reduce(Vector512.LoadUnsafe(ref a, 15 * lanes) * hv + Vector512.LoadUnsafe(ref b, 15 * lanes), p));
            }
            ref var m = ref Unsafe.Add(ref mRef, block);
            m0.StoreUnsafe(ref m, 0 * lanes);
            m1.StoreUnsafe(ref m, 1 * lanes);
            m2.StoreUnsafe(ref m, 2 * lanes);
            m3.StoreUnsafe(ref m, 3 * lanes);
            m4.StoreUnsafe(ref m, 4 * lanes);
            m5.StoreUnsafe(ref m, 5 * lanes);
            m6.StoreUnsafe(ref m, 6 * lanes);
            m7.StoreUnsafe(ref m, 7 * lanes);
            m8.StoreUnsafe(ref m, 8 * lanes);
            m9.StoreUnsafe(ref m, 9 * lanes);
            m10.StoreUnsafe(ref m, 10 * lanes);
            m11.StoreUnsafe(ref m, 11 * lanes);
            m12.StoreUnsafe(ref m, 12 * lanes);
            m13.StoreUnsafe(ref m, 13 * lanes);
            m14.StoreUnsafe(ref m, 14 * lanes);
            m15.StoreUnsafe(ref m, 15 * lanes);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SignVector256(ReadOnlySpan<ulong> shingles, Span<ulong> minima)
    {
        var p = Vector256.Create(MersennePrime);
        ref var aRef = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var bRef = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var mRef = ref MemoryMarshal.GetReference(minima);
        const int lanes = 4;
        for (nuint block = 0; block < (nuint)_a.Length; block += lanes * RegistersPerBlock)
        {
            var a0 = Vector256.LoadUnsafe(ref aRef, block);
            var a1 = Vector256.LoadUnsafe(ref aRef, block + lanes);
            var a2 = Vector256.LoadUnsafe(ref aRef, block + 2 * lanes);
            var a3 = Vector256.LoadUnsafe(ref aRef, block + 3 * lanes);
            var a4 = Vector256.LoadUnsafe(ref aRef, block + 4 * lanes);
            var a5 = Vector256.LoadUnsafe(ref aRef, block + 5 * lanes);
            var a6 = Vector256.LoadUnsafe(ref aRef, block + 6 * lanes);
            var a7 = Vector256.LoadUnsafe(ref aRef, block + 7 * lanes);
            var b0 = Vector256.LoadUnsafe(ref bRef, block);
            var b1 = Vector256.LoadUnsafe(ref bRef, block + lanes);
            var b2 = Vector256.LoadUnsafe(ref bRef, block + 2 * lanes);
            var b3 = Vector256.LoadUnsafe(ref bRef, block + 3 * lanes);
            var b4 = Vector256.LoadUnsafe(ref bRef, block + 4 * lanes);
            var b5 = Vector256.LoadUnsafe(ref bRef, block + 5 * lanes);
            var b6 = Vector256.LoadUnsafe(ref bRef, block + 6 * lanes);
            var b7 = Vector256.LoadUnsafe(ref bRef, block + 7 * lanes);
            Vector256<ulong> m0 = p, m1 = p, m2 = p, m3 = p, m4 = p, m5 = p, m6 = p, m7 = p;
            foreach (var h in shingles)
            {
                var hv = Vector256.Create(h);
                m0 = Vector256.Min(m0, Reduce(a0 * hv + b0, p));
                m1 = Vector256.Min(m1, Reduce(a1 * hv + b1, p));
                m2 = Vector256.Min(m2, Reduce(a2 * hv + b2, p));
                m3 = Vector256.Min(m3, Reduce(a3 * hv + b3, p));
                m4 = Vector256.Min(m4, Reduce(a4 * hv + b4, p));
                m5 = Vector256.Min(m5, Reduce(a5 * hv + b5, p));
                m6 = Vector256.Min(m6, Reduce(a6 * hv + b6, p));
                m7 = Vector256.Min(m7, Reduce(a7 * hv + b7, p));
            }
            m0.StoreUnsafe(ref mRef, block);
            m1.StoreUnsafe(ref mRef, block + lanes);
            m2.StoreUnsafe(ref mRef, block + 2 * lanes);
            m3.StoreUnsafe(ref mRef, block + 3 * lanes);
            m4.StoreUnsafe(ref mRef, block + 4 * lanes);
            m5.StoreUnsafe(ref mRef, block + 5 * lanes);
            m6.StoreUnsafe(ref mRef, block + 6 * lanes);
            m7.StoreUnsafe(ref mRef, block + 7 * lanes);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SignVector128(ReadOnlySpan<ulong> shingles, Span<ulong> minima)
    {
        var p = Vector128.Create(MersennePrime);
        ref var aRef = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var bRef = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var mRef = ref MemoryMarshal.GetReference(minima);
        const int lanes = 2;
        for (nuint block = 0; block < (nuint)_a.Length; block += lanes * RegistersPerBlock)
        {
            var a0 = Vector128.LoadUnsafe(ref aRef, block);
            var a1 = Vector128.LoadUnsafe(ref aRef, block + lanes);
            var a2 = Vector128.LoadUnsafe(ref aRef, block + 2 * lanes);
            var a3 = Vector128.LoadUnsafe(ref aRef, block + 3 * lanes);
            var a4 = Vector128.LoadUnsafe(ref aRef, block + 4 * lanes);
            var a5 = Vector128.LoadUnsafe(ref aRef, block + 5 * lanes);
            var a6 = Vector128.LoadUnsafe(ref aRef, block + 6 * lanes);
            var a7 = Vector128.LoadUnsafe(ref aRef, block + 7 * lanes);
            var b0 = Vector128.LoadUnsafe(ref bRef, block);
            var b1 = Vector128.LoadUnsafe(ref bRef, block + lanes);
            var b2 = Vector128.LoadUnsafe(ref bRef, block + 2 * lanes);
            var b3 = Vector128.LoadUnsafe(ref bRef, block + 3 * lanes);
            var b4 = Vector128.LoadUnsafe(ref bRef, block + 4 * lanes);
            var b5 = Vector128.LoadUnsafe(ref bRef, block + 5 * lanes);
            var b6 = Vector128.LoadUnsafe(ref bRef, block + 6 * lanes);
            var b7 = Vector128.LoadUnsafe(ref bRef, block + 7 * lanes);
            Vector128<ulong> m0 = p, m1 = p, m2 = p, m3 = p, m4 = p, m5 = p, m6 = p, m7 = p;
            foreach (var h in shingles)
            {
                var hv = Vector128.Create(h);
                m0 = Vector128.Min(m0, Reduce(a0 * hv + b0, p));
                m1 = Vector128.Min(m1, Reduce(a1 * hv + b1, p));
                m2 = Vector128.Min(m2, Reduce(a2 * hv + b2, p));
                m3 = Vector128.Min(m3, Reduce(a3 * hv + b3, p));
                m4 = Vector128.Min(m4, Reduce(a4 * hv + b4, p));
                m5 = Vector128.Min(m5, Reduce(a5 * hv + b5, p));
                m6 = Vector128.Min(m6, Reduce(a6 * hv + b6, p));
                m7 = Vector128.Min(m7, Reduce(a7 * hv + b7, p));
            }
            m0.StoreUnsafe(ref mRef, block);
            m1.StoreUnsafe(ref mRef, block + lanes);
            m2.StoreUnsafe(ref mRef, block + 2 * lanes);
            m3.StoreUnsafe(ref mRef, block + 3 * lanes);
            m4.StoreUnsafe(ref mRef, block + 4 * lanes);
            m5.StoreUnsafe(ref mRef, block + 5 * lanes);
            m6.StoreUnsafe(ref mRef, block + 6 * lanes);
            m7.StoreUnsafe(ref mRef, block + 7 * lanes);
        }
    }
}
