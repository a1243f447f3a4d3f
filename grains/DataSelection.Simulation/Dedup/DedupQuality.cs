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
        var count = documents.Count;
        var representative = new int[count];
        var kept = new bool[count];
        for (var i = 0; i < count; i++)
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
        // Kept members of each truth cluster, ascending: members[first[s] .. first[s + 1]) for source s.
        var first = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            if (kept[i])
            {
                first[documents[i].SourceId + 1]++;
            }
        }
        for (var s = 0; s < count; s++)
        {
            first[s + 1] += first[s];
        }
        var members = new int[first[count]];
        var filled = first[..count];
        for (var i = 0; i < count; i++)
        {
            if (kept[i])
            {
                members[filled[documents[i].SourceId]++] = i;
            }
        }

        int truePositives = 0, falsePositives = 0, falseNegatives = 0, planted = 0, plantedAbove = 0;
        for (var i = 0; i < count; i++)
        {
            var document = documents[i];
            if (document.IsNearCopy)
            {
                planted++;
                plantedAbove += Shingler.Jaccard(sets[i], sets[document.SourceId]) >= threshold ? 1 : 0;
            }
            var truthKept = members.AsSpan(first[document.SourceId], first[document.SourceId + 1] - first[document.SourceId]);
            if (!kept[i])
            {
                var covered = Shingler.Jaccard(sets[i], sets[representative[i]]) >= threshold
                    || AnyAtLeast(sets, i, truthKept, threshold, below: count);
                truePositives += covered ? 1 : 0;
                falsePositives += covered ? 0 : 1;
            }
            else if (AnyAtLeast(sets, i, truthKept, threshold, below: i))
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

    /// <summary>Whether a document of <paramref name="candidates"/> (ascending) with an id below <paramref name="below"/> has true Jaccard ≥ t with document <paramref name="i"/>.</summary>
    private static bool AnyAtLeast(ulong[][] sets, int i, ReadOnlySpan<int> candidates, double threshold, int below)
    {
        foreach (var k in candidates)
        {
            if (k >= below)
            {
                return false;
            }
            if (Shingler.Jaccard(sets[i], sets[k]) >= threshold)
            {
                return true;
            }
        }
        return false;
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
