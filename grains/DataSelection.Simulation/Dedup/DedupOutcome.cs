namespace DataSelection.Simulation.Dedup;

/// <summary>
/// What deduplication decided: which documents stay, which go, the clusters it found, and the LSH
/// settings and pair counts behind it. Deterministic: same documents, options and seed give equal content.
/// </summary>
/// <param name="Documents">Documents read.</param>
/// <param name="Kept">Ids kept (one representative per cluster, the lowest id, plus every unique document), ascending.</param>
/// <param name="Removed">Ids removed as near-duplicates of a kept representative, ascending.</param>
/// <param name="Clusters">Clusters of two or more documents, each ascending, ordered by representative.</param>
/// <param name="Shingles">Shingles hashed over all documents.</param>
/// <param name="CandidatePairs">Pairs sharing an LSH bucket, counted once per band they share.</param>
/// <param name="ComparedPairs">Candidate signature comparisons made.</param>
/// <param name="VerifiedPairs">Comparisons whose estimated Jaccard reached the threshold.</param>
public sealed record DedupOutcome(
    int Documents,
    int[] Kept,
    int[] Removed,
    int[][] Clusters,
    double Threshold,
    int NumPerm,
    int Ngram,
    int Bands,
    int Rows,
    SCurvePoint[] SCurve,
    long Shingles,
    long CandidatePairs,
    long ComparedPairs,
    long VerifiedPairs)
{
    /// <summary>Share of documents removed.</summary>
    public double RemovedFraction => Documents == 0 ? 0.0 : (double)Removed.Length / Documents;
}

/// <summary>Measured wall-clock speed of one run (not deterministic; kept apart from <see cref="DedupOutcome"/>).</summary>
/// <param name="InputBytes">UTF-8 text bytes processed (the JSONL bytes, or the text the generated tokens spell).</param>
/// <param name="ShinglePermutationsPerSecond">Shingles × permutations hashed per second.</param>
public sealed record DedupThroughput(
    int Threads,
    int Documents,
    long InputBytes,
    double Seconds,
    double DocumentsPerSecond,
    double ShinglePermutationsPerSecond,
    double BytesPerSecond)
{
    // A run can finish inside one timer tick; rates divide by at least this.
    private const double MinimumSeconds = 1e-7;

    internal static DedupThroughput Measure(int threads, int documents, long bytes, long shinglePermutations, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, MinimumSeconds);
        return new DedupThroughput(threads, documents, bytes, elapsed.TotalSeconds, documents / seconds, shinglePermutations / seconds, bytes / seconds);
    }
}

/// <summary>A run's decisions and its measured speed.</summary>
public sealed record DedupRun(DedupOutcome Outcome, DedupThroughput Throughput);

/// <summary>A run over a JSONL file: <see cref="DocumentIds"/>[i] is the id field of document i (line order, blank lines skipped).</summary>
public sealed record JsonlDedupRun(DedupOutcome Outcome, DedupThroughput Throughput, IReadOnlyList<string> DocumentIds);

/// <summary>Progress of a run: documents signed so far, then LSH bands indexed.</summary>
public sealed record DedupPartial(int DocumentsSigned, int BandsIndexed);
