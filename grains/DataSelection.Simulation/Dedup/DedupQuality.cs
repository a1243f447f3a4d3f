namespace DataSelection.Simulation.Dedup;

/// <summary>
/// How well a run's removals match the generator's ground truth, judged by the TRUE Jaccard of
/// shingle sets (exact, not estimated), at the run's own threshold t and shingle size.
/// </summary>
/// <remarks>
/// <para>A document's <em>truth cluster</em> is its source plus every near-copy of that source.</para>
/// <para><b>Removal correct (true positive):</b> a removed document whose true Jaccard with some kept
/// document — its detected cluster's representative, or any kept member of its truth cluster — is ≥ t.
/// Its content survives in a near-identical kept document.</para>
/// <para><b>False positive:</b> a removed document with no such kept partner (e.g. a heavily edited copy
/// chained in through intermediate copies, or an unrelated document).</para>
/// <para><b>False negative (missed removal):</b> a kept document with a lower-id kept document of its truth
/// cluster at true Jaccard ≥ t; removing it would have lost nothing (keeping the lowest id, as the engine does).</para>
/// <para>A near-copy whose true Jaccard with every kept partner is below t and that is kept counts as correct
/// (neither a false positive nor a false negative). Precision = TP / (TP + FP), recall = TP / (TP + FN);
/// null when the denominator is zero.</para>
/// </remarks>
/// <param name="PlantedNearCopies">Near-copies the generator planted.</param>
/// <param name="PlantedCopiesAboveThreshold">Planted near-copies whose true Jaccard with their source is ≥ t.</param>
public sealed record DedupQualityReport(
    double Threshold,
    int Removed,
    int TruePositives,
    int FalsePositives,
    int FalseNegatives,
    double? Precision,
    double? Recall,
    int PlantedNearCopies,
    int PlantedCopiesAboveThreshold);

/// <summary>Scores a <see cref="DedupOutcome"/> against a generated corpus's ground truth (definitions on <see cref="DedupQualityReport"/>).</summary>
public static class DedupQuality
{
    public static DedupQualityReport Evaluate(GeneratedCorpus corpus, DedupOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(outcome);
        var documents = corpus.Documents;
        if (documents.Count != outcome.Documents)
        {
            throw new ArgumentException("The outcome is for a different corpus.", nameof(outcome));
        }
        // The corpus's shingle sets depend only on the shingle size, not on the threshold: built once per corpus.
        var sets = CorpusMemo.Stage(corpus, (nameof(DedupQuality), outcome.Ngram), () => ShingleSets(corpus, outcome.Ngram));

        var threshold = outcome.Threshold;
        var representative = new int[documents.Count];
        var kept = new bool[documents.Count];
        for (var i = 0; i < representative.Length; i++)
        {
            representative[i] = i;
        }
        foreach (var id in outcome.Kept)
        {
            kept[id] = true;
        }
        foreach (var cluster in outcome.Clusters)
        {
            foreach (var member in cluster)
            {
                representative[member] = cluster[0];
            }
        }
        // Kept members of each truth cluster, ascending.
        var keptInTruth = new Dictionary<int, List<int>>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (kept[i])
            {
                var source = documents[i].SourceId;
                if (!keptInTruth.TryGetValue(source, out var list))
                {
                    keptInTruth[source] = list = [];
                }
                list.Add(i);
            }
        }

        int truePositives = 0, falsePositives = 0, falseNegatives = 0, planted = 0, plantedAbove = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            if (document.IsNearCopy)
            {
                planted++;
                plantedAbove += Shingler.Jaccard(sets[i], sets[document.SourceId]) >= threshold ? 1 : 0;
            }
            keptInTruth.TryGetValue(document.SourceId, out var truthKept);
            if (!kept[i])
            {
                var covered = Shingler.Jaccard(sets[i], sets[representative[i]]) >= threshold
                    || (truthKept?.Exists(k => Shingler.Jaccard(sets[i], sets[k]) >= threshold) ?? false);
                truePositives += covered ? 1 : 0;
                falsePositives += covered ? 0 : 1;
            }
            else if (truthKept?.Exists(k => k < i && Shingler.Jaccard(sets[i], sets[k]) >= threshold) ?? false)
            {
                falseNegatives++;
            }
        }
        return new DedupQualityReport(
            threshold,
            outcome.Removed.Length,
            truePositives,
            falsePositives,
            falseNegatives,
            Ratio(truePositives, truePositives + falsePositives),
            Ratio(truePositives, truePositives + falseNegatives),
            planted,
            plantedAbove);
    }

    private static ulong[][] ShingleSets(GeneratedCorpus corpus, int ngram)
    {
        var hashes = CorpusGenerator.CachedVocabulary(corpus.VocabularySize).Hashes;
        var sets = new ulong[corpus.Documents.Count][];
        for (var i = 0; i < sets.Length; i++)
        {
            var tokens = Array.ConvertAll(corpus.Documents[i].Tokens, id => hashes[id]);
            sets[i] = Shingler.ShingleSet(tokens, ngram);
        }
        return sets;
    }

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
