using DataSelection.Simulation.Costs;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Randomness;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// The lab's Part 2: generate the track's pool and test set, run the chosen uncertainty strategy
/// and the random baseline on them, and measure what active learning saves and what it costs.
/// </summary>
public static class ActiveLearningSimulation
{
    private const ulong DataStream = 0;
    private const ulong LoopStream = 1;
    private const double SecondsPerHour = 3600.0;

    public static ActiveLearningResult Run(
        TrackScenario track,
        ActiveLearningParameters parameters,
        IProgress<SimulationProgress<ActiveLearningRound>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(track);
        return Run(track.ActiveLearning, track.Prices, parameters, progress, cancellationToken);
    }

    public static ActiveLearningResult Run(
        ActiveLearningScenario scenario,
        ComputePrices prices,
        ActiveLearningParameters parameters,
        IProgress<SimulationProgress<ActiveLearningRound>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Strategy == SamplingStrategy.Random)
        {
            throw new ArgumentException("Choose an uncertainty strategy; random sampling always runs as the baseline.", nameof(parameters));
        }
        // The data set and the random baseline do not depend on the uncertainty score: reused (ActiveLearningMemo).
        var data = ActiveLearningMemo.Data(scenario, SeededRandom.Mix(parameters.Seed, DataStream));
        var costPerRound = LearnerCostPerRoundUsd(scenario, prices);
        var loopSeed = SeededRandom.Mix(parameters.Seed, LoopStream);

        ActiveLearningOptions OptionsFor(SamplingStrategy strategy) =>
            new(strategy, parameters.SeedSize, parameters.BatchSize, parameters.Budget, scenario.LabelCostUsd, loopSeed, costPerRound);

        ActiveLearningCurve RunStrategy(SamplingStrategy strategy, double fractionStart)
        {
            var options = OptionsFor(strategy);
            // Each run fills half of the progress bar, and keeps its own stage name.
            var relay = progress is null
                ? null
                : new SynchronousProgress<SimulationProgress<ActiveLearningRound>>(p =>
                    progress.Report(new SimulationProgress<ActiveLearningRound>(strategy.ToString(), fractionStart + 0.5 * p.Fraction, p.Partial)));
            return ActiveLearningLoop.Run(data.Pool, data.Test, options, relay, cancellationToken);
        }

        var active = RunStrategy(parameters.Strategy, 0.0);
        cancellationToken.ThrowIfCancellationRequested();
        var random = ActiveLearningMemo.Baseline(data, OptionsFor(SamplingStrategy.Random));
        // The baseline's rounds still reach the page, as if it had run now (it may have).
        for (var i = 0; progress is not null && i < random.Rounds.Count; i++)
        {
            progress.Report(new SimulationProgress<ActiveLearningRound>(
                SamplingStrategy.Random.ToString(), 0.5 + 0.5 * (i + 1) / random.Rounds.Count, random.Rounds[i]));
        }
        var activeAtTarget = active.FirstRoundReaching(scenario.AccuracyTarget);
        var randomAtTarget = random.FirstRoundReaching(scenario.AccuracyTarget);
        var bothReach = activeAtTarget is not null && randomAtTarget is not null;
        return new ActiveLearningResult(
            active,
            random,
            scenario.AccuracyTarget,
            costPerRound,
            activeAtTarget?.Labels,
            randomAtTarget?.Labels,
            bothReach ? randomAtTarget!.Labels - activeAtTarget!.Labels : null,
            bothReach ? randomAtTarget!.TotalCostUsd - activeAtTarget!.TotalCostUsd : null,
            ParetoFrontier.Of(active, random),
            ActiveLearningKnee.Find(active, random, scenario.LabelCostUsd));
    }

    /// <summary>
    /// One selection round's compute in dollars: score every item of the track's real pool
    /// (NotionalPoolItems × ScoringGpuSecondsPerItem) plus one retraining, at the GPU-hour price.
    /// </summary>
    public static double LearnerCostPerRoundUsd(ActiveLearningScenario scenario, ComputePrices prices)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(prices);
        var gpuHours = scenario.NotionalPoolItems * scenario.ScoringGpuSecondsPerItem / SecondsPerHour + scenario.RetrainGpuHours;
        return gpuHours * prices.GpuHourUsd;
    }
}
