using System.Globalization;
using DataSelection.Contracts.Workbench;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Grains.Simulations;

/// <summary>Part 2's workbench run: the chosen uncertainty score against random sampling, streamed round by round.</summary>
internal static class ActiveLearningRunner
{
    public static SimulationOutcome Run(
        TrackScenario track,
        ActiveLearningSettings settings,
        ulong seed,
        Action<SimulationUpdate> report,
        CancellationToken cancellationToken)
    {
        var parameters = new ActiveLearningParameters(
            StrategyFor(settings.Strategy), settings.BatchSize, settings.Budget, track.ActiveLearning.SeedSize, seed);
        var progress = new SynchronousProgress<SimulationProgress<ActiveLearningRound>>(p =>
            report(new SimulationUpdate(p.Stage, p.Fraction, p.Partial is null ? null : LabJson.Serialize(p.Partial))));
        var result = ActiveLearningSimulation.Run(track, parameters, progress, cancellationToken);
        return new SimulationOutcome(LabJson.Serialize(result), Summarize(result, settings));
    }

    public static SamplingStrategy StrategyFor(string name) => name switch
    {
        "least-confidence" => SamplingStrategy.LeastConfidence,
        "margin" => SamplingStrategy.Margin,
        "entropy" => SamplingStrategy.Entropy,
        _ => throw new ArgumentException($"Unknown strategy '{name}'.", nameof(name)),
    };

    private static RunSummary Summarize(ActiveLearningResult result, ActiveLearningSettings settings)
    {
        var headline = string.Create(CultureInfo.InvariantCulture,
            $"{settings.Strategy}, batch {settings.BatchSize}: {Reach(result.ActiveLabelsToTarget)} vs random {Reach(result.RandomLabelsToTarget)} " +
            $"to {result.AccuracyTarget:P0}; knee at {result.Knee.Labels} labels");
        return new SummaryBuilder()
            .Add("batchSize", settings.BatchSize)
            .Add("budget", settings.Budget)
            .Add("activeLabelsToTarget", result.ActiveLabelsToTarget)
            .Add("randomLabelsToTarget", result.RandomLabelsToTarget)
            .Add("labelsSaved", result.LabelsSavedAtTarget)
            .Add("dollarsSaved", result.DollarsSavedAtTarget)
            .Add("kneeLabels", result.Knee.Labels)
            .Add("kneeNetSavingsUsd", result.Knee.NetSavingsUsd)
            .Add("activeFinalAccuracy", result.Active.Rounds[^1].Accuracy)
            .Add("randomFinalAccuracy", result.Random.Rounds[^1].Accuracy)
            .Add("learnerCostPerRoundUsd", result.LearnerCostPerRoundUsd)
            .Build(headline, null);
    }

    private static string Reach(int? labels) =>
        labels is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n} labels") : "not reached";
}
