using System.Text.Json;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Randomness;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.ActiveLearning;

public class ActiveLearningLoopTests
{
    // An easy task: two clean Gaussian classes three standard deviations apart, no hard cluster.
    private static readonly ActiveLearningScenario EasyTask = TrackCatalog.CloudTitan.ActiveLearning with
    {
        PoolSize = 2_000,
        TestSize = 2_000,
        HardCaseShare = 0.0,
        LabelNoise = 0.0,
    };

    [Fact]
    public void Uncertainty_sampling_beats_random_at_a_moderate_budget_on_an_easy_task()
    {
        // Measured: margin gains ≈ 0.010 accuracy at 200 labels with a per-seed sd ≈ 0.006, so the
        // mean of 10 seeds has a standard error ≈ 0.002; 0.004 is about three standard errors
        // below the gain and two above zero (what a broken sampler would give).
        var gain = MeanGain(EasyTask, seedSize: 10, batchSize: 10, budget: 200, seeds: 10);
        Assert.True(gain > 0.004, $"margin − random = {gain:F4}");
    }

    [Fact]
    public void Cold_start_with_a_tiny_seed_and_a_large_batch_lets_random_win()
    {
        // Hacohen et al. (2022): with almost no labels the model's boundary is a guess, and the
        // top-k nearest to a wrong boundary are a redundant slab; random's spread wins. Measured:
        // random leads by ≈ 0.1 with a per-seed sd ≈ 0.1, so the mean of 30 seeds has a standard
        // error ≈ 0.02; requiring a lead of 0.03 leaves about four standard errors.
        var coldStart = EasyTask with { Features = 40, ClassSeparation = 4.0 };
        var gain = MeanGain(coldStart, seedSize: 4, batchSize: 40, budget: 44, seeds: 30);
        Assert.True(gain < -0.03, $"margin − random = {gain:F4}");
    }

    [Fact]
    public void Large_top_k_batches_erode_the_gain()
    {
        // Same labels (200), same seeds: ten rounds of 19 versus one round of 190. Measured gains
        // ≈ +0.010 versus ≈ −0.002 (per-seed sd ≤ 0.009, so the paired difference of 10 seeds has
        // a standard error ≤ 0.003); requiring 0.005 leaves two standard errors either side.
        var smallBatches = MeanGain(EasyTask, seedSize: 10, batchSize: 19, budget: 200, seeds: 10);
        var oneLargeBatch = MeanGain(EasyTask, seedSize: 10, batchSize: 190, budget: 200, seeds: 10);
        Assert.True(smallBatches - oneLargeBatch > 0.005, $"small batches {smallBatches:F4}, one large batch {oneLargeBatch:F4}");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_curves()
    {
        var data = ActiveLearningDataGenerator.Generate(TrackCatalog.EdgeGuardian.ActiveLearning, 17);
        var options = new ActiveLearningOptions(SamplingStrategy.Entropy, 20, 50, 400, 50.0, 17, LearnerCostPerRoundUsd: 3.0);
        var first = JsonSerializer.Serialize(ActiveLearningLoop.Run(data.Pool, data.Test, options));
        var again = ActiveLearningDataGenerator.Generate(TrackCatalog.EdgeGuardian.ActiveLearning, 17);
        var second = JsonSerializer.Serialize(ActiveLearningLoop.Run(again.Pool, again.Test, options));
        Assert.Equal(first, second);
        var otherSeed = JsonSerializer.Serialize(ActiveLearningLoop.Run(data.Pool, data.Test, options with { Seed = 18 }));
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Each_round_is_reported_as_it_is_computed_and_costs_add_up()
    {
        var data = ActiveLearningDataGenerator.Generate(TrackCatalog.MobileNomad.ActiveLearning, 3);
        var reported = new List<ActiveLearningRound>();
        var progress = new SynchronousProgress<SimulationProgress<ActiveLearningRound>>(p => reported.Add(p.Partial!));
        var options = new ActiveLearningOptions(SamplingStrategy.Margin, 20, 50, 270, 5.0, 3, LearnerCostPerRoundUsd: 8.0);
        var curve = ActiveLearningLoop.Run(data.Pool, data.Test, options, progress);

        Assert.Equal(curve.Rounds, reported);
        Assert.Equal([20, 70, 120, 170, 220, 270], curve.Rounds.Select(r => r.Labels));
        foreach (var round in curve.Rounds)
        {
            Assert.Equal(round.Labels * 5.0, round.LabelSpendUsd);
            Assert.Equal(round.Round * 8.0, round.ComputeSpendUsd);
            Assert.Equal(round.LabelSpendUsd + round.ComputeSpendUsd, round.TotalCostUsd);
        }
        // Random sampling needs no model to choose, so it is never charged compute.
        var random = ActiveLearningLoop.Run(data.Pool, data.Test, options with { Strategy = SamplingStrategy.Random });
        Assert.All(random.Rounds, r => Assert.Equal(0.0, r.ComputeSpendUsd));
    }

    [Fact]
    public void Cancellation_stops_the_run_at_the_next_check()
    {
        var data = ActiveLearningDataGenerator.Generate(TrackCatalog.CloudTitan.ActiveLearning, 5);
        using var cancellation = new CancellationTokenSource();
        var rounds = 0;
        var progress = new SynchronousProgress<SimulationProgress<ActiveLearningRound>>(_ =>
        {
            rounds++;
            cancellation.Cancel();
        });
        var options = new ActiveLearningOptions(SamplingStrategy.Margin, 20, 50, 1_000, 2.0, 5);
        Assert.ThrowsAny<OperationCanceledException>(() => ActiveLearningLoop.Run(data.Pool, data.Test, options, progress, cancellation.Token));
        Assert.Equal(1, rounds);
    }

    [Fact]
    public void Loop_runs_on_plain_arrays_with_three_classes()
    {
        // Three classes whose means sit 3 sd apart on separate axes, as a user's CSV might hold.
        static LabeledPool Make(ulong seed, int rows)
        {
            var random = new SeededRandom(seed);
            var features = new double[rows * 4];
            var labels = new int[rows];
            for (var r = 0; r < rows; r++)
            {
                labels[r] = random.NextInt(3);
                for (var j = 0; j < 4; j++)
                {
                    features[r * 4 + j] = random.NextGaussian() + (j == labels[r] ? 3.0 : 0.0);
                }
            }
            return new LabeledPool(features, 4, labels);
        }
        var curve = ActiveLearningLoop.Run(Make(1, 1_500), Make(2, 1_000), new ActiveLearningOptions(SamplingStrategy.Entropy, 15, 15, 150, 1.0, 7));
        // Bayes accuracy here is ≈ 0.93 (pairwise errors Φ(−3/√2) ≈ 0.017 each); chance is 1/3.
        Assert.InRange(curve.Rounds[^1].Accuracy, 0.85, 1.0);
        Assert.All(curve.Rounds, r => Assert.Null(r.HardCaseRecall));
    }

    private static double MeanGain(ActiveLearningScenario scenario, int seedSize, int batchSize, int budget, int seeds)
    {
        var total = 0.0;
        for (ulong seed = 1; seed <= (ulong)seeds; seed++)
        {
            var data = ActiveLearningDataGenerator.Generate(scenario, seed);
            var random = ActiveLearningLoop.Run(data.Pool, data.Test, new(SamplingStrategy.Random, seedSize, batchSize, budget, 1.0, seed));
            var margin = ActiveLearningLoop.Run(data.Pool, data.Test, new(SamplingStrategy.Margin, seedSize, batchSize, budget, 1.0, seed));
            total += margin.Rounds[^1].Accuracy - random.Rounds[^1].Accuracy;
        }
        return total / seeds;
    }
}
