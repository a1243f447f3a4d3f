using System.Globalization;
using DataSelection.Contracts.Workbench;
using DataSelection.Simulation.Audit;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Grains.Simulations;

/// <summary>Part 1's workbench run: deduplicate at the student's threshold and stream the ICR curve checkpoint by checkpoint.</summary>
internal static class DeduplicationAuditRunner
{
    public static SimulationOutcome Run(
        TrackScenario track,
        DedupSettings settings,
        ulong seed,
        Action<SimulationUpdate> report,
        CancellationToken cancellationToken)
    {
        var parameters = new DeduplicationAuditParameters(settings.Threshold, settings.NumPerm, settings.Ngram, seed);
        var progress = new SynchronousProgress<SimulationProgress<AuditPartial>>(p =>
        {
            // Only ICR checkpoints are worth drawing; signing progress moves the bar.
            var partial = p.Partial?.Checkpoint is { } checkpoint ? LabJson.Serialize(checkpoint) : null;
            report(new SimulationUpdate(p.Stage, p.Fraction, partial));
        });
        var result = DeduplicationAudit.Run(track, parameters, progress, cancellationToken);
        return new SimulationOutcome(LabJson.Serialize(result), Summarize(result));
    }

    private static RunSummary Summarize(DeduplicationAuditResult result)
    {
        var flopsSaved = result.Icr.Savings.Fraction * 100;
        var headline = string.Create(CultureInfo.InvariantCulture,
            $"threshold {result.Dedup.Threshold:0.00}: removed {result.Dedup.RemovedFraction:P0} of documents, FLOPs −{flopsSaved:0.#}%, " +
            $"ICR ×{result.Icr.MeasuredIcrGain ?? 1:0.00}, precision {Percent(result.Quality.Precision)}, recall {Percent(result.Quality.Recall)}");
        return new SummaryBuilder()
            .Add("threshold", result.Dedup.Threshold)
            .Add("removedFraction", result.Dedup.RemovedFraction)
            .Add("flopsSavedPercent", flopsSaved)
            .Add("icrGain", result.Icr.MeasuredIcrGain)
            .Add("precision", result.Quality.Precision)
            .Add("recall", result.Quality.Recall)
            .Add("dollarsSaved", result.Icr.Savings.Dollars)
            .Add("documentsPerSecond", result.Throughput.DocumentsPerSecond)
            .Build(headline, flopsSaved);
    }

    private static string Percent(double? value) =>
        value is { } v ? v.ToString("P0", CultureInfo.InvariantCulture) : "n/a";
}
