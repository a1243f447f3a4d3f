using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Icr;

namespace DataSelection.Simulation.Audit;

/// <summary>
/// Part 1's measured outcome: what deduplication removed and how precisely, the ICR curve of the
/// raw vs the deduplicated stream, and (measured on this machine, so not deterministic) how fast
/// it ran and what indexing the track's whole corpus would cost.
/// </summary>
public sealed record DeduplicationAuditResult(
    DedupSummary Dedup,
    DedupQualityReport Quality,
    IcrCurveResult Icr,
    DedupThroughput Throughput,
    IndexingCost Indexing);

/// <summary>What deduplication did, without the per-document lists.</summary>
/// <param name="LargestClusters">Sizes of the ten largest clusters found, largest first (the heavy tail).</param>
/// <param name="RemovedTokenFraction">Share of training tokens removed: the share of FLOPs per epoch saved.</param>
public sealed record DedupSummary(
    int Documents,
    int Kept,
    int Removed,
    double RemovedFraction,
    double RemovedTokenFraction,
    int Clusters,
    IReadOnlyList<int> LargestClusters,
    double Threshold,
    int NumPerm,
    int Ngram,
    int Bands,
    int Rows,
    IReadOnlyList<SCurvePoint> SCurve,
    long CandidatePairs,
    long VerifiedPairs);
