using System.Buffers;
using System.Runtime.CompilerServices;

namespace DataSelection.Simulation.Dedup;

/// <summary>What banding and verification found: the clusters as disjoint sets, and the pair counts.</summary>
/// <param name="CandidatePairs">Pairs that share a bucket, counted once per band they share (Σ over buckets of m(m−1)/2).</param>
/// <param name="ComparedPairs">Signature comparisons made (fewer than the candidates: documents already clustered together are not compared again).</param>
/// <param name="VerifiedPairs">Comparisons whose estimated Jaccard reached the threshold.</param>
internal sealed record LshClustering(DisjointSets Sets, long CandidatePairs, long ComparedPairs, long VerifiedPairs);

/// <summary>
/// LSH banding (Indyk &amp; Motwani 1998; Leskovec et al., Mining of Massive Datasets ch. 3): each band
/// of r signature values is hashed to a bucket key; documents sharing a bucket are candidates, kept
/// as near-duplicates only if their estimated Jaccard (agreement over all permutations) reaches the
/// threshold, and joined into clusters with union–find.
/// </summary>
/// <remarks>
/// Band keys are computed with the signatures (in parallel); bands are then processed one at a time
/// over documents in id order. A bucket remembers one member per group of documents it has seen that
/// did not match any earlier member (dropping members whose groups have since merged); a new document
/// is compared with those members only, skipping any already in its cluster. This keeps the work
/// near-linear even for clusters of hundreds of thousands of copies; the price is that a document
/// matching only a non-remembered member in one band must be caught in another band.
/// </remarks>
internal static class LshIndex
{
    private const int CancellationStride = 4_096;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LshClustering Cluster(SignatureTable signatures, BandPlan plan, double threshold, Action<int>? bandDone, CancellationToken cancellationToken)
    {
        var documents = signatures.Count;
        var sets = new DisjointSets(documents);
        var capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, documents) * 2));
        var mask = capacity - 1;
        var slotKey = ArrayPool<ulong>.Shared.Rent(capacity);
        var slotHead = ArrayPool<int>.Shared.Rent(capacity);
        var slotSize = ArrayPool<int>.Shared.Rent(capacity);
        var entryNext = ArrayPool<int>.Shared.Rent(Math.Max(1, documents));
        var entryDocument = ArrayPool<int>.Shared.Rent(Math.Max(1, documents));
        var requiredAgreements = threshold * signatures.NumPerm;
        long candidates = 0, compared = 0, verified = 0;

        try
        {
            for (var band = 0; band < plan.Bands; band++)
            {
                Array.Fill(slotHead, -1, 0, capacity);
                Array.Clear(slotSize, 0, capacity);
                var entries = 0;
                for (var i = 0; i < documents; i++)
                {
                    if (i % CancellationStride == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    var signature = signatures[i];
                    var key = signatures.KeysOf(i)[band];
                    var slot = (int)key & mask;
                    while (slotHead[slot] != -1 && slotKey[slot] != key)
                    {
                        slot = (slot + 1) & mask;
                    }
                    slotKey[slot] = key;
                    candidates += slotSize[slot]++;
                    var matched = false;
                    int previous = -1, previousRoot = -1;
                    for (var e = slotHead[slot]; e != -1; e = entryNext[e])
                    {
                        var j = entryDocument[e];
                        var rootJ = sets.Find(j);
                        if (rootJ == previousRoot)
                        {
                            // Clusters merged since j was remembered: one member per cluster is enough.
                            entryNext[previous] = entryNext[e];
                            continue;
                        }
                        if (sets.Find(i) == rootJ)
                        {
                            matched = true;
                        }
                        else
                        {
                            compared++;
                            if (MinHasher.Agreements(signature, signatures[j]) >= requiredAgreements)
                            {
                                verified++;
                                sets.Union(i, j);
                                matched = true;
                            }
                        }
                        previous = e;
                        previousRoot = sets.Find(j);
                    }
                    if (!matched)
                    {
                        entryDocument[entries] = i;
                        entryNext[entries] = slotHead[slot];
                        slotHead[slot] = entries++;
                    }
                }
                bandDone?.Invoke(band + 1);
            }
        }
        catch
        {
            sets.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(slotKey);
            ArrayPool<int>.Shared.Return(slotHead);
            ArrayPool<int>.Shared.Return(slotSize);
            ArrayPool<int>.Shared.Return(entryNext);
            ArrayPool<int>.Shared.Return(entryDocument);
        }
        return new LshClustering(sets, candidates, compared, verified);
    }

    /// <summary>Writes the bucket key of every band of <paramref name="signature"/> into <paramref name="keys"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BandKeys(ReadOnlySpan<uint> signature, BandPlan plan, Span<ulong> keys)
    {
        for (var band = 0; band < plan.Bands; band++)
        {
            keys[band] = BandKey(signature.Slice(band * plan.Rows, plan.Rows), band);
        }
    }

    /// <summary>The bucket key of one band: a hash of its r signature values, salted by the band's index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong BandKey(ReadOnlySpan<uint> rows, int band)
    {
        // Two 32-bit values per 64-bit step halve the chain of multiplies; the band index and the row
        // count salt the start so equal rows in different bands never share a key.
        var h = 0x3C6EF372FE94F82BUL ^ ((ulong)band << 32) ^ (ulong)rows.Length;
        var i = 0;
        for (; i + 1 < rows.Length; i += 2)
        {
            h = ulong.RotateLeft(h ^ ((rows[i] | ((ulong)rows[i + 1] << 32)) * 0xC2B2AE3D27D4EB4FUL), 31) * 0x9E3779B97F4A7C15UL;
        }
        if (i < rows.Length)
        {
            h = ulong.RotateLeft(h ^ (rows[i] * 0xC2B2AE3D27D4EB4FUL), 31) * 0x9E3779B97F4A7C15UL;
        }
        return TokenHasher.Finalise(h);
    }
}
