using System.Text.Json;
using DataSelection.Simulation.Audit;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Icr;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.Audit;

/// <summary>Reusing a corpus's stages across Part 1 runs changes nothing in what a run answers.</summary>
public sealed class CorpusMemoTests
{
    private const ulong Seed = 20261126;

    [Fact]
    public void A_memoized_corpus_is_the_generated_one_and_is_shared_by_later_runs()
    {
        var scenario = TrackCatalog.Find("tiny-pioneer")!.Dedup;

        var memoized = CorpusMemo.Generate(scenario, scenario.Documents, Seed);
        var generated = CorpusGenerator.Generate(scenario, scenario.Documents, Seed);

        Assert.Same(memoized, CorpusMemo.Generate(scenario, scenario.Documents, Seed));
        Assert.Equal(Json(generated.Documents.Select(d => new { d.Id, d.SourceId, d.Tokens })), Json(memoized.Documents.Select(d => new { d.Id, d.SourceId, d.Tokens })));
        Assert.Equal(Json(generated.HeldOut.Select(d => d.Tokens)), Json(memoized.HeldOut.Select(d => d.Tokens)));
        Assert.NotSame(memoized, CorpusMemo.Generate(scenario, scenario.Documents, Seed + 1));
    }

    [Theory]
    [InlineData("tiny-pioneer", 0.55, 64, 3)]
    [InlineData("tiny-pioneer", 0.9, 128, 5)]
    [InlineData("cloud-titan", 0.72345, 128, 5)]
    public void The_curve_and_the_quality_from_reused_stages_are_bit_identical_to_computing_them_from_scratch(string trackId, double threshold, int numPerm, int ngram)
    {
        var track = TrackCatalog.Find(trackId)!;
        var scenario = track.Dedup;
        var corpus = CorpusMemo.Generate(scenario, scenario.Documents, Seed);
        // A copy is another corpus to the memo: everything about it is computed afresh.
        var copy = corpus with { Documents = [.. corpus.Documents], HeldOut = [.. corpus.HeldOut] };
        var outcome = NearDuplicateDetector.Run(corpus, new DedupOptions(threshold, numPerm, ngram, Seed: Seed)).Outcome;
        var kept = Enumerable.Range(0, corpus.Documents.Count).Select(id => !outcome.Removed.Contains(id)).ToArray();

        // Twice through the memo (cold, then warm), against the copy and against the stream form, which never memoizes.
        var memoizedQuality = Json(DedupQuality.Evaluate(corpus, outcome));
        Assert.Equal(memoizedQuality, Json(DedupQuality.Evaluate(corpus, outcome)));
        Assert.Equal(Json(DedupQuality.Evaluate(copy, outcome)), memoizedQuality);

        var checkpoints = new List<IcrCheckpoint>();
        var memoizedCurve = Json(IcrCurve.Measure(corpus, kept, scenario, track.Prices));
        var warmCurve = Json(IcrCurve.Measure(corpus, kept, scenario, track.Prices, new Collect(checkpoints)));
        var fromScratch = Json(IcrCurve.Measure(
            corpus.Documents.Select(d => d.Tokens).ToArray(), kept, corpus.HeldOut.Select(d => d.Tokens).ToArray(),
            corpus.VocabularySize, scenario, track.Prices));
        Assert.Equal(fromScratch, memoizedCurve);
        Assert.Equal(fromScratch, warmCurve);
        // Progress still reports the origin and every checkpoint, both runs, in order.
        Assert.Equal(Enumerable.Range(0, scenario.IcrCheckpoints + 1), checkpoints.Select(c => c.Index));
    }

    [Fact]
    public void Thresholds_that_keep_the_same_documents_share_one_deduplicated_run_and_other_kept_sets_do_not()
    {
        var track = TrackCatalog.Find("tiny-pioneer")!;
        var scenario = track.Dedup;
        var corpus = CorpusMemo.Generate(scenario, scenario.Documents, Seed + 7);
        // 0.7 × 128 = 89.6: a hair above 0.7 verifies the same candidates (estimated Jaccard moves in steps of 1/128).
        var kept = Kept(corpus, 0.7);
        Assert.Equal(kept, Kept(corpus, 0.7000001));
        var oneMoreRemoved = (bool[])kept.Clone();
        oneMoreRemoved[Array.IndexOf(oneMoreRemoved, true)] = false;

        var first = IcrCurve.Measure(corpus, kept, scenario, track.Prices);
        var neighbour = IcrCurve.Measure(corpus, [.. kept], scenario, track.Prices);
        var other = IcrCurve.Measure(corpus, oneMoreRemoved, scenario, track.Prices);

        // The neighbour's points are the very ones measured for the first threshold: nothing was trained again.
        Assert.All(first.Deduplicated.Zip(neighbour.Deduplicated), pair => Assert.Same(pair.First, pair.Second));
        Assert.NotSame(first.Deduplicated[^1], other.Deduplicated[^1]);
        Assert.Equal(Json(FromScratch(corpus, oneMoreRemoved, track)), Json(other));
        Assert.Equal(Json(FromScratch(corpus, kept, track)), Json(neighbour));
    }

    private static bool[] Kept(GeneratedCorpus corpus, double threshold)
    {
        var removed = NearDuplicateDetector.Run(corpus, new DedupOptions(threshold, 128, 5, Seed: Seed)).Outcome.Removed.ToHashSet();
        return [.. Enumerable.Range(0, corpus.Documents.Count).Select(id => !removed.Contains(id))];
    }

    private static IcrCurveResult FromScratch(GeneratedCorpus corpus, bool[] kept, TrackScenario track) =>
        IcrCurve.Measure(corpus.Documents.Select(d => d.Tokens).ToArray(), kept, corpus.HeldOut.Select(d => d.Tokens).ToArray(),
            corpus.VocabularySize, track.Dedup, track.Prices);

    [Fact]
    public async Task Audits_at_many_thresholds_on_several_threads_answer_what_each_answers_alone()
    {
        var track = TrackCatalog.Find("tiny-pioneer")!;
        double[] thresholds = [0.6, 0.65, 0.7, 0.75, 0.8, 0.6, 0.7];
        var alone = thresholds.Distinct().ToDictionary(t => t, t => Comparable(Audit(track, t)));

        var together = await Task.WhenAll(thresholds.Select(t => Task.Run(() => (t, Result: Comparable(Audit(track, t))))));

        Assert.All(together, run => Assert.Equal(alone[run.t], run.Result));
    }

    private static DeduplicationAuditResult Audit(TrackScenario track, double threshold) =>
        DeduplicationAudit.Run(track, new DeduplicationAuditParameters(threshold, track.Dedup.NumPerm, track.Dedup.Ngram, Seed));

    /// <summary>All of a result but the signing speed, which is measured on the machine each time.</summary>
    private static string Comparable(DeduplicationAuditResult result) => Json(new { result.Dedup, result.Quality, result.Icr });

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private sealed class Collect(List<IcrCheckpoint> into) : IProgress<SimulationProgress<IcrCheckpoint>>
    {
        public void Report(SimulationProgress<IcrCheckpoint> value) => into.Add(value.Partial!);
    }
}
