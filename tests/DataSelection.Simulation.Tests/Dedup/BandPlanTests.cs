using DataSelection.Simulation.Dedup;

namespace DataSelection.Simulation.Tests.Dedup;

public class BandPlanTests
{
    [Fact]
    public void Datasketch_example_threshold_0_9_with_128_permutations_gives_5_bands_of_25_rows()
    {
        Assert.Equal(new BandPlan(5, 25), BandPlan.Optimal(0.9, 128));
    }

    [Fact]
    public void The_5_by_25_curve_gives_0_31_at_0_9_and_one_half_near_0_92()
    {
        var plan = new BandPlan(5, 25);
        Assert.InRange(plan.CandidateProbability(0.9), 0.30, 0.32);
        var half = plan.SimilarityAt(0.5);
        Assert.InRange(half, 0.915, 0.925);
        Assert.Equal(0.5, plan.CandidateProbability(half), 9);
        // The rule of thumb (1/b)^(1/r) says 0.94.
        Assert.InRange(plan.ApproximateThreshold, 0.935, 0.94);
    }

    [Fact]
    public void Optimal_plan_never_uses_more_permutations_than_it_has_and_lower_thresholds_use_more_bands()
    {
        var previousBands = int.MaxValue;
        foreach (var threshold in new[] { 0.5, 0.7, 0.8, 0.9 })
        {
            var plan = BandPlan.Optimal(threshold, 128);
            Assert.True(plan.UsedPermutations <= 128);
            Assert.True(plan.Bands <= previousBands);
            previousBands = plan.Bands;
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(512)]
    public void The_search_picks_the_plan_with_the_least_error_as_each_plan_computes_it(int numPerm)
    {
        // Thresholds the slider never offers too: the search must agree off its steps and at the ends.
        foreach (var threshold in new[] { 0.0, 0.05, 0.31, 0.5, 0.63, 0.77, 0.8, 0.9, 0.953, 1.0 })
        {
            var expected = PlanByPlan(threshold, numPerm);
            var found = BandPlan.Optimal(threshold, numPerm);

            Assert.True(expected == found, $"threshold {threshold}, {numPerm} permutations: {found} instead of {expected}");
        }
    }

    [Fact]
    public void S_curve_rises_from_0_to_1()
    {
        var curve = new BandPlan(9, 13).SCurve(51);
        Assert.Equal(51, curve.Length);
        Assert.Equal(0.0, curve[0].CandidateProbability);
        Assert.Equal(1.0, curve[^1].CandidateProbability);
        for (var i = 1; i < curve.Length; i++)
        {
            Assert.True(curve[i].CandidateProbability >= curve[i - 1].CandidateProbability);
        }
    }

    /// <summary>Every plan's own <see cref="BandPlan.Error"/>, b outer and r inner, the first strict minimum winning.</summary>
    private static BandPlan PlanByPlan(double threshold, int numPerm)
    {
        var best = new BandPlan(1, 1);
        var bestError = double.MaxValue;
        for (var b = 1; b <= numPerm; b++)
        {
            for (var r = 1; r <= numPerm / b; r++)
            {
                var error = new BandPlan(b, r).Error(threshold);
                if (error < bestError)
                {
                    bestError = error;
                    best = new BandPlan(b, r);
                }
            }
        }
        return best;
    }
}
