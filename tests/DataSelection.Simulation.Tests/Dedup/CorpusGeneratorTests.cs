using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.Dedup;

public class CorpusGeneratorTests
{
    private static readonly DedupScenario Scenario = TrackCatalog.CloudTitan.Dedup;

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.15)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Redundancy_fraction_is_as_configured(double redundancy)
    {
        var corpus = CorpusGenerator.Generate(Scenario with { RedundancyFraction = redundancy }, 2_000, seed: 1);
        Assert.Equal(2_000, corpus.Documents.Count);
        Assert.Equal((int)Math.Round(redundancy * 2_000), corpus.Documents.Count(d => d.IsNearCopy));
        // Every copy points at an original that is itself in the corpus.
        Assert.All(corpus.Documents.Where(d => d.IsNearCopy), d => Assert.False(corpus.Documents[d.SourceId].IsNearCopy));
        Assert.All(corpus.Documents.Select((d, i) => (d, i)), x => Assert.Equal(x.i, x.d.Id));
    }

    [Fact]
    public void Cluster_sizes_are_heavy_tailed()
    {
        var scenario = Scenario with { RedundancyFraction = 0.5, ClusterSizeExponent = 1.8 };
        var corpus = CorpusGenerator.Generate(scenario, 20_000, seed: 4);
        var copiesPerSource = corpus.Documents.Where(d => d.IsNearCopy).GroupBy(d => d.SourceId).Select(g => g.Count()).ToArray();
        // P(k) ∝ k^−α drawn as ⌊U^(−1/(α−1))⌋ gives P(k = 1) = 1 − 2^−(α−1) = 0.426 at α = 1.8; with
        // n ≈ 1,500 clusters σ ≈ 0.013, so ±0.06 holds for a correct sampler (the last draw is truncated).
        var singles = (double)copiesPerSource.Count(k => k == 1) / copiesPerSource.Length;
        Assert.InRange(singles, 1 - Math.Pow(2, -0.8) - 0.06, 1 - Math.Pow(2, -0.8) + 0.06);
        // Heavy tail: the largest cluster dwarfs the typical one (a light tail would keep it within ~10×).
        Array.Sort(copiesPerSource);
        Assert.True(copiesPerSource[^1] >= 100 * copiesPerSource[copiesPerSource.Length / 2]);
    }

    [Fact]
    public void Generation_is_deterministic_in_the_seed()
    {
        var a = CorpusGenerator.Generate(Scenario, 500, seed: 9);
        var b = CorpusGenerator.Generate(Scenario, 500, seed: 9);
        var c = CorpusGenerator.Generate(Scenario, 500, seed: 10);
        Assert.Equal(a.Documents.Select(d => d.Tokens), b.Documents.Select(d => d.Tokens));
        Assert.Equal(a.Documents.Select(d => d.SourceId), b.Documents.Select(d => d.SourceId));
        Assert.Equal(a.HeldOut.Select(d => d.Tokens), b.HeldOut.Select(d => d.Tokens));
        Assert.NotEqual(a.Documents.Select(d => d.Tokens), c.Documents.Select(d => d.Tokens));
    }

    [Fact]
    public void Documents_have_the_configured_mean_length_and_held_out_documents_are_clean()
    {
        var corpus = CorpusGenerator.Generate(Scenario, 2_000, seed: 2);
        // Log-normal lengths with σ = 0.35 around 170 (sd ≈ 61 tokens): the mean of ~1,400 clean documents
        // (originals and held-out; copies repeat their sources) has σ ≈ 1.6 tokens, so ±6 catches a wrong mean.
        var clean = corpus.Documents.Where(d => !d.IsNearCopy).Concat(corpus.HeldOut).ToArray();
        Assert.InRange(clean.Average(d => d.Tokens.Length), Scenario.MeanTokensPerDocument - 6, Scenario.MeanTokensPerDocument + 6);
        Assert.Equal(Scenario.HeldOutDocuments, corpus.HeldOut.Count);
        Assert.All(corpus.HeldOut, d => Assert.False(d.IsNearCopy));
        Assert.All(corpus.Documents, d => Assert.All(d.Tokens, t => Assert.InRange(t, 0, Scenario.VocabularySize - 1)));
    }

    [Fact]
    public void Generation_honours_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CorpusGenerator.Generate(Scenario, 1_000, seed: 1, cancellation.Token));
    }

    [Fact]
    public void Word_frequencies_follow_zipf()
    {
        var corpus = CorpusGenerator.Generate(Scenario with { RedundancyFraction = 0, Topics = 1 }, 2_000, seed: 3);
        var counts = new int[Scenario.VocabularySize];
        foreach (var token in corpus.Documents.SelectMany(d => d.Tokens))
        {
            counts[token]++;
        }
        // Id 0 is the globally most frequent word: f(1)/f(2) = 2^s ≈ 2.1 for the global share; ±25%.
        var ratio = (double)counts[0] / counts[1];
        Assert.InRange(ratio, Math.Pow(2, Scenario.ZipfExponent) * 0.75, Math.Pow(2, Scenario.ZipfExponent) * 1.25);
    }

    [Fact]
    public void Words_are_stable_distinct_and_short_for_frequent_ids()
    {
        Assert.Equal("ba", CorpusGenerator.WordFor(0));
        Assert.Equal("ze", CorpusGenerator.WordFor(96));
        Assert.Equal("baba", CorpusGenerator.WordFor(100));
        var words = Enumerable.Range(0, 20_000).Select(CorpusGenerator.WordFor).ToArray();
        Assert.Equal(words.Length, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(words.Take(100), w => Assert.Equal(2, w.Length));
    }

    [Fact]
    public void Jsonl_text_hashes_to_the_same_tokens_as_the_generated_corpus()
    {
        var corpus = CorpusGenerator.Generate(Scenario, 50, seed: 5);
        using var stream = new MemoryStream();
        CorpusGenerator.WriteJsonl(corpus.Documents, corpus.VocabularySize, stream);
        stream.Position = 0;
        var hashes = CorpusGenerator.VocabularyHashes(corpus.VocabularySize);
        var read = new JsonlCorpusReader(stream, "corpus.jsonl").ReadDocuments().ToList();
        Assert.Equal(corpus.Documents.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal($"doc-{i}", read[i].Id);
            Assert.Equal(corpus.Documents[i].Tokens.Select(t => hashes[t]), read[i].Tokens);
        }
    }
}
