using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Tests.ActiveLearning;

public class UncertaintySamplerTests
{
    [Fact]
    public void Each_uncertainty_score_matches_its_formula_on_hand_computed_probabilities()
    {
        double[] p = [0.2, 0.5, 0.3];
        Assert.Equal(0.5, UncertaintySampler.LeastConfidence(p), 12);
        Assert.Equal(0.2, UncertaintySampler.Margin(p), 12);
        // −(0.2 ln 0.2 + 0.5 ln 0.5 + 0.3 ln 0.3) = 0.321888 + 0.346574 + 0.361192
        Assert.Equal(1.0296530140645737, UncertaintySampler.Entropy(p), 12);

        double[] certain = [0.0, 1.0];
        Assert.Equal(0.0, UncertaintySampler.LeastConfidence(certain));
        Assert.Equal(1.0, UncertaintySampler.Margin(certain));
        Assert.Equal(0.0, UncertaintySampler.Entropy(certain));

        double[] tied = [0.5, 0.5];
        Assert.Equal(0.0, UncertaintySampler.Margin(tied));
        Assert.Equal(Math.Log(2), UncertaintySampler.Entropy(tied), 12);
        // Margin is oriented so that higher means more uncertain, like the other two.
        Assert.True(UncertaintySampler.Uncertainty(SamplingStrategy.Margin, tied) > UncertaintySampler.Uncertainty(SamplingStrategy.Margin, p));
    }

    [Fact]
    public void Top_k_takes_the_highest_scores_and_breaks_ties_by_lower_index()
    {
        double[] scores = [0.1, 0.9, 0.5, 0.9, 0.5, 0.2];
        int[] candidates = [10, 11, 12, 13, 14, 15];
        Assert.Equal([11, 13, 12], UncertaintySampler.SelectTopK(scores, candidates, 3));
        Assert.Equal([11, 13, 12, 14, 15, 10], UncertaintySampler.SelectTopK(scores, candidates, 10));
        Assert.Empty(UncertaintySampler.SelectTopK(scores, candidates, 0));
    }

    [Fact]
    public void Random_selection_draws_distinct_candidates_uniformly()
    {
        var candidates = Enumerable.Range(100, 10).ToArray();
        var counts = new int[10];
        var random = new SeededRandom(4);
        const int draws = 20_000;
        for (var i = 0; i < draws; i++)
        {
            var chosen = UncertaintySampler.SelectAtRandom(candidates, 3, random);
            Assert.Equal(3, chosen.Distinct().Count());
            foreach (var c in chosen)
            {
                counts[c - 100]++;
            }
        }
        // Each candidate is chosen with probability 3/10: expected 6,000, sd ≈ 65; allow five sd.
        Assert.All(counts, c => Assert.InRange(c, 6_000 - 325, 6_000 + 325));
    }
}
