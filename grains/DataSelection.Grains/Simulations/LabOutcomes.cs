using System.Globalization;
using DataSelection.Contracts.Lab;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Audit;
using DataSelection.Simulation.DomainGap;

namespace DataSelection.Grains.Simulations;

/// <summary>
/// The measured answers to the three lock questions, per track, at the track's defaults and the
/// lab's seed: what each student's prediction is scored against and what the class histogram marks.
/// </summary>
public static class LabOutcomes
{
    /// <summary>Part 1's question: "remove 30% of the most redundant samples".</summary>
    public const double PrunedFraction = 0.30;

    public static MeasuredOutcome Measure(string trackId, int part, CancellationToken cancellationToken)
    {
        var track = LabCatalog.ScenarioFor(trackId);
        switch (part)
        {
            case 1:
                var pruning = DeduplicationAudit.MeasureStaticPruning(track, PrunedFraction, LabCatalog.LabSeed, cancellationToken);
                return new MeasuredOutcome(trackId, part, Math.Round(pruning.FlopsReductionPercent, 1), null, string.Create(CultureInfo.InvariantCulture,
                    $"Removing the {PrunedFraction:P0} most redundant documents ({pruning.RemovedDuplicates} of them near-duplicates) cut training FLOPs by " +
                    $"{pruning.FlopsReductionPercent:0.#}%, while held-out loss went from {pruning.RawFinalLoss:0.000} to {pruning.PrunedFinalLoss:0.000} nats/token."));
            case 2:
                var parameters = ActiveLearningParameters.For(track.ActiveLearning, LabCatalog.LabSeed);
                var result = ActiveLearningSimulation.Run(track, parameters, cancellationToken: cancellationToken);
                var active = result.ActiveLabelsToTarget ?? int.MaxValue;
                var random = result.RandomLabelsToTarget ?? int.MaxValue;
                var choice = active < random ? "fewer" : active > random ? "more" : "same";
                return new MeasuredOutcome(trackId, part, null, choice, string.Create(CultureInfo.InvariantCulture,
                    $"Margin sampling reached {result.AccuracyTarget:P0} with {Labels(result.ActiveLabelsToTarget)}; random sampling with {Labels(result.RandomLabelsToTarget)}."));
            case 3:
                var sweep = DomainGapSimulation.Sweep(track.DomainGap, track.DomainGap.RandomizationIntensity, LabCatalog.LabSeed, cancellationToken: cancellationToken);
                var trend = sweep.LockOutcome switch
                {
                    SafetyTrend.Improves => "improves",
                    SafetyTrend.Unchanged => "unchanged",
                    _ => "degrades",
                };
                return new MeasuredOutcome(trackId, part, null, trend, string.Create(CultureInfo.InvariantCulture,
                    $"Rain safety was {sweep.SafetyAtLowSynthetic:P1} at 10% synthetic and {sweep.SafetyAtHighSynthetic:P1} at 90% synthetic."));
            default:
                throw new LabRuleException(LabRule.NotFound, $"Part {part} does not exist.");
        }
    }

    private static string Labels(int? labels) =>
        labels is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n} labels") : "no number of labels within the budget";
}
