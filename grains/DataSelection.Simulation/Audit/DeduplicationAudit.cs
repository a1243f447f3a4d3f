using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Icr;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Audit;

/// <summary>
/// Part 1, the Deduplication Audit: generate the track's corpus, deduplicate it with MinHash/LSH,
/// score the removal against the generator's truth, and train a real language model on the raw
/// and on the deduplicated stream to measure the ICR curve.
/// </summary>
public static class DeduplicationAudit
{
    // Progress bar shares: corpus generation, deduplication, then the ICR curve.
    private const double GenerationShare = 0.1;
    private const double DedupShare = 0.3;

    public static DeduplicationAuditResult Run(
        TrackScenario track,
        DeduplicationAuditParameters parameters,
        IProgress<SimulationProgress<AuditPartial>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(parameters);
        var scenario = track.Dedup;
        progress?.Report(new SimulationProgress<AuditPartial>("generate", 0.0));
        // The corpus depends only on the track and the seed: generated once per process (CorpusMemo).
        var corpus = CorpusMemo.Generate(scenario, scenario.Documents, parameters.Seed);
        cancellationToken.ThrowIfCancellationRequested();

        var options = new DedupOptions(parameters.Threshold, parameters.NumPerm, parameters.Ngram, Seed: parameters.Seed);
        var dedupProgress = progress is null ? null : new SynchronousProgress<SimulationProgress<DedupPartial>>(p =>
            progress.Report(new SimulationProgress<AuditPartial>(p.Stage, GenerationShare + DedupShare * p.Fraction, new AuditPartial(p.Partial?.DocumentsSigned, null))));
        var run = NearDuplicateDetector.Run(corpus, options, dedupProgress, cancellationToken);
        var quality = DedupQuality.Evaluate(corpus, run.Outcome);

        var kept = KeptMask(corpus.Documents.Count, run.Outcome.Removed);
        var icrProgress = progress is null ? null : new SynchronousProgress<SimulationProgress<IcrCheckpoint>>(p =>
            progress.Report(new SimulationProgress<AuditPartial>(p.Stage, GenerationShare + DedupShare + (1 - GenerationShare - DedupShare) * p.Fraction,
                new AuditPartial(null, p.Partial))));
        var icr = IcrCurve.Measure(corpus, kept, scenario, track.Prices, icrProgress, cancellationToken);

        return new DeduplicationAuditResult(
            Summarize(run.Outcome, icr.RemovedTokenFraction),
            quality,
            icr,
            run.Throughput,
            IndexingCost.For(scenario.NotionalCorpusBytes, run.Throughput, track.Prices));
    }

    /// <summary>
    /// The Part 1 lock's experiment: remove <paramref name="fraction"/> of the documents, most
    /// redundant first (non-representative members of the largest near-duplicate clusters found
    /// at the track's default settings, then the rest by cluster size), and measure what that does
    /// to training FLOPs and held-out loss.
    /// </summary>
    public static StaticPruningResult MeasureStaticPruning(TrackScenario track, double fraction, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        var scenario = track.Dedup;
        var corpus = CorpusMemo.Generate(scenario, scenario.Documents, seed);
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = NearDuplicateDetector.Run(corpus, DedupOptions.For(scenario, seed: seed), cancellationToken: cancellationToken).Outcome;

        var clusterSize = new int[corpus.Documents.Count];
        var representative = new bool[corpus.Documents.Count];
        Array.Fill(clusterSize, 1);
        Array.Fill(representative, true);
        foreach (var cluster in outcome.Clusters)
        {
            foreach (var id in cluster)
            {
                clusterSize[id] = cluster.Length;
                representative[id] = id == cluster[0];
            }
        }
        var toRemove = (int)Math.Round(fraction * corpus.Documents.Count);
        var removed = Enumerable.Range(0, corpus.Documents.Count)
            .OrderBy(id => representative[id])
            .ThenByDescending(id => clusterSize[id])
            .ThenBy(id => id)
            .Take(toRemove)
            .ToArray();
        var icr = IcrCurve.Measure(corpus, KeptMask(corpus.Documents.Count, removed), scenario, track.Prices, cancellationToken: cancellationToken);
        return new StaticPruningResult(
            fraction,
            removed.Length,
            removed.Count(id => !representative[id]),
            icr.Savings.Fraction * 100,
            icr.RawFinalLoss,
            icr.DeduplicatedFinalLoss,
            icr.MeasuredIcrGain,
            icr.ReferenceIcrGain);
    }

    private static bool[] KeptMask(int documents, IEnumerable<int> removed)
    {
        var kept = new bool[documents];
        Array.Fill(kept, true);
        foreach (var id in removed)
        {
            kept[id] = false;
        }
        return kept;
    }

    private static DedupSummary Summarize(DedupOutcome outcome, double removedTokenFraction) =>
        new(
            outcome.Documents,
            outcome.Kept.Length,
            outcome.Removed.Length,
            outcome.RemovedFraction,
            removedTokenFraction,
            outcome.Clusters.Length,
            [.. outcome.Clusters.Select(c => c.Length).OrderDescending().Take(10)],
            outcome.Threshold,
            outcome.NumPerm,
            outcome.Ngram,
            outcome.Bands,
            outcome.Rows,
            outcome.SCurve,
            outcome.CandidatePairs,
            outcome.VerifiedPairs);
}

/// <summary>What removing the most redundant share of documents did (the Part 1 lock's measured answer).</summary>
/// <param name="RemovedDuplicates">How many of the removed documents were near-duplicates of a kept one (the rest were unique).</param>
/// <param name="FlopsReductionPercent">Training FLOPs saved, in percent.</param>
public sealed record StaticPruningResult(
    double Fraction,
    int RemovedDocuments,
    int RemovedDuplicates,
    double FlopsReductionPercent,
    double RawFinalLoss,
    double PrunedFinalLoss,
    double? MeasuredIcrGain,
    double? ReferenceIcrGain);
