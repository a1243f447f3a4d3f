using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Tests.Dedup;

public class LshIndexTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.65)]
    [InlineData(0.8)]
    [InlineData(0.9)]
    public void Lsh_candidate_probability_matches_the_banding_formula(double jaccard)
    {
        const int pairs = 400;
        var plan = new BandPlan(16, 8);
        var random = new SeededRandom(21);
        var documents = new List<ulong[]>();
        var exact = 0.0;
        for (var p = 0; p < pairs; p++)
        {
            // With 1-token shingles a document's shingle set is its token set, so J is exact.
            var (a, b, j) = MinHasherTests.PairWithJaccard(jaccard, random);
            documents.Add(a);
            documents.Add(b);
            exact = j;
        }
        // Verification threshold 0 accepts every candidate, so a pair ends up clustered iff it shared a bucket.
        var outcome = NearDuplicateDetector.Run(documents, new DedupOptions(Threshold: 0.0, NumPerm: 128, Ngram: 1, Bands: plan.Bands, Rows: plan.Rows)).Outcome;
        var together = outcome.Clusters.Count(c => c.Length == 2 && c[1] == c[0] + 1 && c[0] % 2 == 0);
        Assert.DoesNotContain(outcome.Clusters, c => c.Length != 2);
        // Pairs are independent Bernoulli(P(s)) trials: the measured rate lies within 4σ of
        // P(s) = 1 − (1 − s^r)^b, σ = √(P(1−P)/400) ≤ 0.025, plus 0.01 for per-row agreement bias.
        var expected = plan.CandidateProbability(exact);
        var sigma = Math.Sqrt(expected * (1 - expected) / pairs);
        Assert.InRange((double)together / pairs, expected - 4 * sigma - 0.01, expected + 4 * sigma + 0.01);
    }

    [Fact]
    public void Verification_keeps_candidates_below_the_threshold_apart()
    {
        var random = new SeededRandom(8);
        var documents = new List<ulong[]>();
        for (var p = 0; p < 200; p++)
        {
            var (a, b, _) = MinHasherTests.PairWithJaccard(0.6, random);
            documents.Add(a);
            documents.Add(b);
        }
        // A generous band plan makes most J = 0.6 pairs candidates; an estimate ≥ 0.8 from 128
        // agreements at p = 0.6 is > 4.5σ away, so verification must reject (nearly) all of them.
        var outcome = NearDuplicateDetector.Run(documents, new DedupOptions(Threshold: 0.8, NumPerm: 128, Ngram: 1, Bands: 32, Rows: 4)).Outcome;
        Assert.True(outcome.CandidatePairs > 150);
        Assert.True(outcome.Removed.Length <= 2);
    }
}
