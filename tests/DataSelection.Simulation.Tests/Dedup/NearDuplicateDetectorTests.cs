using System.Text.Json;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.Dedup;

public class NearDuplicateDetectorTests
{
    private static readonly DedupScenario Scenario = TrackCatalog.CloudTitan.Dedup;

    [Fact]
    public void Detector_finds_the_planted_clusters_with_high_precision_and_recall_at_0_8()
    {
        var corpus = CorpusGenerator.Generate(Scenario, 4_000, seed: 42);
        var outcome = NearDuplicateDetector.Run(corpus, DedupOptions.For(Scenario) with { Threshold = 0.8 }).Outcome;
        var quality = DedupQuality.Evaluate(corpus, outcome);
        // Theory: with the optimal plan a pair at J ≥ 0.85 is a candidate with P > 0.99 in at least one
        // band, and estimates from 128 permutations err by σ ≤ 0.045; planted copies mostly sit at
        // J ≥ 0.85, so ≥ 90% precision and recall hold unless detection or verification broke.
        Assert.True(quality.Precision >= 0.9, $"precision {quality.Precision}");
        Assert.True(quality.Recall >= 0.9, $"recall {quality.Recall}");
        // Nearly all planted near-copies (half the corpus) go.
        Assert.InRange(outcome.RemovedFraction, 0.9 * Scenario.RedundancyFraction, Scenario.RedundancyFraction + 0.01);
        Assert.Equal(outcome.Documents, outcome.Kept.Length + outcome.Removed.Length);
        Assert.All(outcome.Clusters, c => Assert.True(c.Length >= 2 && outcome.Kept.Contains(c[0])));
    }

    [Fact]
    public void Outcome_is_identical_for_any_thread_count_and_for_the_jsonl_path()
    {
        var corpus = CorpusGenerator.Generate(Scenario, 3_000, seed: 7);
        var one = Serialize(NearDuplicateDetector.Run(corpus, DedupOptions.For(Scenario, threads: 1)).Outcome);
        Assert.Equal(one, Serialize(NearDuplicateDetector.Run(corpus, DedupOptions.For(Scenario, threads: 2)).Outcome));
        Assert.Equal(one, Serialize(NearDuplicateDetector.Run(corpus, DedupOptions.For(Scenario, threads: 3)).Outcome));

        using var stream = new MemoryStream();
        CorpusGenerator.WriteJsonl(corpus.Documents, corpus.VocabularySize, stream);
        stream.Position = 0;
        var jsonl = NearDuplicateDetector.RunJsonl(stream, "corpus.jsonl", DedupOptions.For(Scenario, threads: 2));
        Assert.Equal(one, Serialize(jsonl.Outcome));
        Assert.Equal("doc-17", jsonl.DocumentIds[17]);
    }

    [Fact]
    public void Outcome_and_quality_serialize_without_special_numbers()
    {
        var corpus = CorpusGenerator.Generate(Scenario, 300, seed: 1);
        var run = NearDuplicateDetector.Run(corpus, DedupOptions.For(Scenario));
        var json = Serialize(run) + Serialize(DedupQuality.Evaluate(corpus, run.Outcome));
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<DedupOutcome>(Serialize(run.Outcome))!;
        Assert.Equal(run.Outcome.Removed, back.Removed);
    }

    [Fact]
    public void Progress_reports_signing_then_clustering_in_order()
    {
        var corpus = CorpusGenerator.Generate(Scenario, 9_000, seed: 3);
        var reports = new List<SimulationProgress<DedupPartial>>();
        var outcome = NearDuplicateDetector.Run(corpus, DedupOptions.For(Scenario), new SynchronousProgress<SimulationProgress<DedupPartial>>(reports.Add)).Outcome;
        Assert.Equal(["sign", "sign", "sign"], reports.Take(3).Select(r => r.Stage));
        Assert.Equal(4_096, reports[0].Partial!.DocumentsSigned);
        Assert.Equal("cluster", reports[^1].Stage);
        Assert.Equal(outcome.Bands, reports[^1].Partial!.BandsIndexed);
        Assert.Equal(1.0, reports[^1].Fraction, 9);
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Fraction >= reports[i - 1].Fraction);
        }
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        var corpus = CorpusGenerator.Generate(Scenario, 2_000, seed: 3);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<SimulationProgress<DedupPartial>>(_ => cancellation.Cancel());
        Assert.ThrowsAny<OperationCanceledException>(() => NearDuplicateDetector.Run(corpus, DedupOptions.For(Scenario, threads: 2), progress, cancellation.Token));
    }

    [Fact]
    public void Identical_documents_always_cluster_and_the_lowest_id_is_kept()
    {
        ulong[] text = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        ulong[] other = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
        ulong[] shortText = [1, 2];
        var outcome = NearDuplicateDetector.Run([other, text, shortText, text, shortText, text], new DedupOptions()).Outcome;
        Assert.Equal([0, 1, 2], outcome.Kept);
        Assert.Equal([3, 4, 5], outcome.Removed);
        Assert.Equal([[1, 3, 5], [2, 4]], outcome.Clusters);
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value);
}
