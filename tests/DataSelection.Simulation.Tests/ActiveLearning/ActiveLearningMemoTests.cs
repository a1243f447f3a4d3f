using System.Text.Json;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Randomness;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.ActiveLearning;

public sealed class ActiveLearningMemoTests
{
    private const ulong Seed = 20261126;

    [Fact]
    public void Each_score_gets_the_random_baseline_a_fresh_loop_computes_and_the_data_set_is_generated_once()
    {
        var track = TrackCatalog.Find("tiny-pioneer")!;
        var scenario = track.ActiveLearning;
        var parameters = ActiveLearningParameters.For(scenario, Seed) with { BatchSize = 35, Budget = 450 };
        var data = ActiveLearningDataGenerator.Generate(scenario, SeededRandom.Mix(Seed, 0));
        Assert.Same(ActiveLearningMemo.Data(scenario, SeededRandom.Mix(Seed, 0)), ActiveLearningMemo.Data(scenario, SeededRandom.Mix(Seed, 0)));

        var results = new[] { SamplingStrategy.Margin, SamplingStrategy.Entropy, SamplingStrategy.LeastConfidence }
            .Select(strategy => ActiveLearningSimulation.Run(track, parameters with { Strategy = strategy }))
            .ToList();
        var options = new ActiveLearningOptions(SamplingStrategy.Random, parameters.SeedSize, parameters.BatchSize, parameters.Budget,
            scenario.LabelCostUsd, SeededRandom.Mix(Seed, 1), ActiveLearningSimulation.LearnerCostPerRoundUsd(scenario, track.Prices));
        var fresh = Json(ActiveLearningLoop.Run(data.Pool, data.Test, options));

        Assert.All(results, result => Assert.Equal(fresh, Json(result.Random)));
        Assert.Equal(3, results.Select(r => Json(r.Active)).Distinct().Count());
    }

    [Fact]
    public void A_reused_baseline_still_reports_every_round_as_progress()
    {
        var track = TrackCatalog.Find("tiny-pioneer")!;
        var parameters = ActiveLearningParameters.For(track.ActiveLearning, Seed) with { BatchSize = 45 };
        ActiveLearningSimulation.Run(track, parameters);
        var stages = new List<SimulationProgress<ActiveLearningRound>>();

        var result = ActiveLearningSimulation.Run(track, parameters with { Strategy = SamplingStrategy.Entropy }, new Collect(stages));

        var random = stages.Where(p => p.Stage == nameof(SamplingStrategy.Random)).ToList();
        Assert.Equal(result.Random.Rounds, random.Select(p => p.Partial!));
        Assert.Equal(1.0, random[^1].Fraction);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private sealed class Collect(List<SimulationProgress<ActiveLearningRound>> into) : IProgress<SimulationProgress<ActiveLearningRound>>
    {
        public void Report(SimulationProgress<ActiveLearningRound> value) => into.Add(value);
    }
}
