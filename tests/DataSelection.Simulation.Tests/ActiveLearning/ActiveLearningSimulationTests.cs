using System.Text.Json;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.ActiveLearning;

public class ActiveLearningSimulationTests
{
    private static readonly TrackScenario Track = TrackCatalog.EdgeGuardian;

    [Fact]
    public void Pareto_frontier_points_are_non_dominated_and_sorted_by_cost()
    {
        var result = ActiveLearningSimulation.Run(Track, ActiveLearningParameters.For(Track.ActiveLearning, seed: 2));
        var all = result.Active.Rounds.Concat(result.Random.Rounds).ToList();
        var frontier = result.ParetoFrontier;
        Assert.NotEmpty(frontier);
        for (var i = 1; i < frontier.Count; i++)
        {
            Assert.True(frontier[i].TotalCostUsd >= frontier[i - 1].TotalCostUsd);
            Assert.True(frontier[i].Accuracy > frontier[i - 1].Accuracy);
        }
        foreach (var point in frontier)
        {
            Assert.DoesNotContain(all, r =>
                r.TotalCostUsd <= point.TotalCostUsd && r.Accuracy >= point.Accuracy &&
                (r.TotalCostUsd < point.TotalCostUsd || r.Accuracy > point.Accuracy));
        }
        // Every point left off is dominated by one on the frontier.
        foreach (var round in all)
        {
            Assert.Contains(frontier, p => p.TotalCostUsd <= round.TotalCostUsd && p.Accuracy >= round.Accuracy);
        }
    }

    [Fact]
    public void Knee_is_where_net_savings_against_random_peak()
    {
        // Hand-built curves: random gains 0.1 accuracy per 100 labels; active learning reaches
        // each accuracy with fewer labels, but each round costs $30 of compute at $1 a label.
        ActiveLearningCurve Curve(SamplingStrategy s, double computePerRound, params (int Labels, double Accuracy)[] points) =>
            new(s, points.Select((p, i) => new ActiveLearningRound(
                s, i, p.Labels, p.Accuracy, null, null, p.Labels, i * computePerRound, p.Labels + i * computePerRound, 0)).ToList());
        var random = Curve(SamplingStrategy.Random, 0, (100, 0.5), (200, 0.6), (300, 0.7), (400, 0.8), (500, 0.9));
        var active = Curve(SamplingStrategy.Margin, 30, (100, 0.5), (150, 0.65), (200, 0.75), (250, 0.78), (300, 0.80));
        var knee = ActiveLearningKnee.Find(active, random, labelCostUsd: 1.0);

        // Random needs 250, 350, 380, 400 labels for 0.65, 0.75, 0.78, 0.80: savings 100, 150, 130, 100;
        // minus compute 30, 60, 90, 120 gives net 70, 90, 40, −20, so the knee is round 2 at 200 labels.
        Assert.Equal([0.0, 70.0, 90.0, 40.0, -20.0], knee.Rounds.Select(r => Math.Round(r.NetSavingsUsd, 9)));
        Assert.Equal(200, knee.Labels);
        Assert.Equal(2, knee.Round);
        Assert.Equal(90.0, knee.NetSavingsUsd, 9);
    }

    [Fact]
    public void Knee_of_a_simulation_has_the_largest_net_savings_of_its_rounds()
    {
        var result = ActiveLearningSimulation.Run(Track, ActiveLearningParameters.For(Track.ActiveLearning, seed: 4));
        Assert.All(result.Knee.Rounds, r => Assert.True(r.NetSavingsUsd <= result.Knee.NetSavingsUsd));
        Assert.Contains(result.Active.Rounds, r => r.Labels == result.Knee.Labels && r.Round == result.Knee.Round);
    }

    [Fact]
    public void Knee_score_is_full_within_one_batch_and_falls_to_zero_at_five()
    {
        Assert.Equal(100, KneeScore.Score(220, 220, 50));
        Assert.Equal(100, KneeScore.Score(270, 220, 50));
        Assert.Equal(75, KneeScore.Score(120, 220, 50));
        Assert.Equal(0, KneeScore.Score(470, 220, 50));
        Assert.Equal(0, KneeScore.Score(1_000, 220, 50));
    }

    [Fact]
    public void Default_lab_reaches_the_target_and_finds_more_hard_cases_than_random()
    {
        var result = ActiveLearningSimulation.Run(Track, ActiveLearningParameters.For(Track.ActiveLearning, seed: 1));
        Assert.NotNull(result.ActiveLabelsToTarget);
        Assert.True(result.Active.Rounds[^1].Labels <= Track.ActiveLearning.Budget);
        // Random expects HardCaseShare × labels ≈ 50 hard cases (sd ≈ 7); the sampler seeks the boundary they sit on.
        Assert.True(result.Active.Rounds[^1].HardCasesLabeled > 2 * result.Random.Rounds[^1].HardCasesLabeled);
        Assert.Equal(
            result.RandomLabelsToTarget - result.ActiveLabelsToTarget,
            result.LabelsSavedAtTarget);
    }

    [Fact]
    public void Simulation_is_deterministic_and_serializes_cleanly()
    {
        var parameters = ActiveLearningParameters.For(TrackCatalog.TinyPioneer.ActiveLearning, seed: 9) with { Strategy = SamplingStrategy.LeastConfidence };
        var reports = new List<SimulationProgress<ActiveLearningRound>>();
        var first = ActiveLearningSimulation.Run(TrackCatalog.TinyPioneer, parameters, new SynchronousProgress<SimulationProgress<ActiveLearningRound>>(reports.Add));
        var second = ActiveLearningSimulation.Run(TrackCatalog.TinyPioneer, parameters);
        // System.Text.Json refuses NaN and Infinity by default, so serializing also proves there are none.
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
        Assert.Equal(first.Active.Rounds.Count + first.Random.Rounds.Count, reports.Count);
        Assert.Equal(1.0, reports[^1].Fraction, 12);
    }
}
