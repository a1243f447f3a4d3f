using System.CommandLine;
using System.Globalization;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Audit;
using DataSelection.Simulation.DomainGap;
using DataSelection.Simulation.Quality;

namespace DataSelection.Client.Commands;

/// <summary><c>dataselection simulate</c>: the lab's own scenarios, headless, with each track's defaults.</summary>
public static class SimulateCommand
{
    public static Command Create(CliContext context) =>
        new("simulate", "Run one of the lab's simulations for a track; options left out take the track's defaults")
        {
            Dedup(context),
            ActiveLearning(context),
            DomainGap(context),
            Quality(context),
        };

    private static Command Dedup(CliContext context)
    {
        var runner = new SimulationRunner();
        var threshold = CliOptions.Number("--threshold", "Deduplication threshold (MinHash similarity); default: the track's", null, 0.01, 1.0);
        var numPerm = CliOptions.WholeNumber("--num-perm", "MinHash permutations; default: the track's", null, 1, 1_024);
        var ngram = CliOptions.WholeNumber("--ngram", "Shingle size in tokens; default: the track's", null, 1, 64);
        var command = runner.Command("dedup", "Part 1: deduplicate the track's generated corpus and measure the ICR curve, raw vs deduplicated",
            threshold, numPerm, ngram);
        command.SetAction((parse, cancellationToken) => runner.RunAsync<AuditPartial, DeduplicationAuditResult>(
            context,
            parse,
            (track, seed, progress, token) => DeduplicationAudit.Run(
                track,
                new DeduplicationAuditParameters(
                    parse.GetResult(threshold) is null ? track.Dedup.Threshold : parse.GetValue(threshold),
                    parse.GetResult(numPerm) is null ? track.Dedup.NumPerm : parse.GetValue(numPerm),
                    parse.GetResult(ngram) is null ? track.Dedup.Ngram : parse.GetValue(ngram),
                    seed),
                progress,
                token),
            result => string.Create(CultureInfo.InvariantCulture,
                $"threshold {result.Dedup.Threshold}: removed {result.Dedup.RemovedFraction:P1} of documents (precision {result.Quality.Precision:P1}, recall {result.Quality.Recall:P1}); " +
                $"FLOPs −{result.Icr.Savings.Fraction:P1} (${result.Icr.Savings.Dollars:N0}); ICR ×{result.Icr.MeasuredIcrGain:0.00} (book 1/(1−f): ×{result.Icr.ReferenceIcrGain:0.00})"),
            cancellationToken));
        return command;
    }

    private static Command ActiveLearning(CliContext context)
    {
        var runner = new SimulationRunner();
        var strategy = CliOptions.Choice("--strategy", "The uncertainty strategy compared with random sampling", "margin",
            [.. StrategyNames.All.Where(s => s != "random")]);
        var batchSize = CliOptions.WholeNumber("--batch-size", "Labels bought per round; default: the track's", null, 1, 10_000);
        var budget = CliOptions.WholeNumber("--budget", "Labels bought in all; default: the track's", null, 2, 100_000);
        var seedSize = CliOptions.WholeNumber("--seed-size", "Random labels before the first round; default: the track's", null, 1, 10_000);
        var command = runner.Command("active-learning", "Part 2: uncertainty vs random sampling, the Pareto frontier and the knee",
            strategy, batchSize, budget, seedSize);
        command.SetAction((parse, cancellationToken) => runner.RunAsync<ActiveLearningRound, ActiveLearningResult>(
            context,
            parse,
            (track, seed, progress, token) =>
            {
                var scenario = track.ActiveLearning;
                var parameters = new ActiveLearningParameters(
                    StrategyNames.Parse(parse.GetRequiredValue(strategy)),
                    parse.GetResult(batchSize) is null ? scenario.BatchSize : parse.GetValue(batchSize),
                    parse.GetResult(budget) is null ? scenario.Budget : parse.GetValue(budget),
                    parse.GetResult(seedSize) is null ? scenario.SeedSize : parse.GetValue(seedSize),
                    seed);
                if (parameters.Budget < parameters.SeedSize)
                {
                    throw new ArgumentException($"--budget ({parameters.Budget}) must be at least --seed-size ({parameters.SeedSize}).");
                }
                return ActiveLearningSimulation.Run(track, parameters, progress, token);
            },
            result => string.Create(CultureInfo.InvariantCulture,
                $"target {result.AccuracyTarget:P0}: {StrategyNames.Of(result.Active.Strategy)} needs {Labels(result.ActiveLabelsToTarget)}, random {Labels(result.RandomLabelsToTarget)}; " +
                $"knee at {result.Knee.Labels} labels"),
            cancellationToken));
        return command;
    }

    private static Command DomainGap(CliContext context)
    {
        var runner = new SimulationRunner();
        var mix = CliOptions.Number("--mix", "Synthetic share of the training set; default: the track's", null, 0, 1);
        var intensity = CliOptions.Number("--intensity", "Domain-randomisation intensity; default: the track's", null, 0, 1);
        var command = runner.Command("domain-gap", "Part 3: train on a synthetic/real mix, test on real data; safety on rain, FID, and the sweep over mixes",
            mix, intensity);
        command.SetAction((parse, cancellationToken) => runner.RunAsync<DomainGapResult, DomainGapReport>(
            context,
            parse,
            (track, seed, progress, token) =>
            {
                var scenario = track.DomainGap;
                var parameters = new DomainGapParameters(
                    parse.GetResult(mix) is null ? scenario.MixRatio : parse.GetValue(mix),
                    parse.GetResult(intensity) is null ? scenario.RandomizationIntensity : parse.GetValue(intensity),
                    seed);
                var run = DomainGapSimulation.Run(scenario, parameters, cancellationToken: token);
                var sweep = DomainGapSimulation.Sweep(scenario, parameters.RandomizationIntensity, seed, progress, token);
                return new DomainGapReport(run, sweep);
            },
            report => string.Create(CultureInfo.InvariantCulture,
                $"{report.Run.MixRatio:P0} synthetic → accuracy {report.Run.Accuracy:P1}, rain safety {report.Run.SafetyAccuracy:P1}, FID {report.Run.TrainingFid:F2}; " +
                $"challenge {(report.Run.StakeholderChallengeMet ? "met" : "not met")}; 10%→90% synthetic: safety {report.Sweep.LockOutcome.ToString().ToLowerInvariant()}"),
            cancellationToken));
        return command;
    }

    private static Command Quality(CliContext context)
    {
        var runner = new SimulationRunner();
        var targetError = CliOptions.Number("--target-error", "Excess error ε to reach; default: the track's", null, 1e-4, 0.5);
        var command = runner.Command("quality", "The Data Quality Multiplier: samples to reach ε with clean vs noisy labels, measured beside the formulas",
            targetError);
        command.SetAction((parse, cancellationToken) => runner.RunAsync<QualityCurvePoint, DataQualityResult>(
            context,
            parse,
            (track, seed, progress, token) => DataQualityMultiplier.Measure(
                track.Quality,
                new QualityParameters(seed, parse.GetResult(targetError) is null ? null : parse.GetValue(targetError)),
                progress,
                token),
            result => string.Create(CultureInfo.InvariantCulture,
                $"ε = {result.TargetError}: clean labels need {Samples(result.AtTarget.CleanSamples)}, {result.LabelNoise:P0} noisy labels {Samples(result.AtTarget.NoisySamples)} " +
                $"(book 1/ε vs 1/ε²: {result.AtTarget.BookCleanSamples:N0} vs {result.AtTarget.BookNoisySamples:N0})"),
            cancellationToken));
        return command;
    }

    private static string Samples(double? samples) => samples is { } n ? $"{n:N0}" : "more than measured";

    private static string Labels(int? labels) => labels is { } n ? $"{n:N0} labels" : "never within budget";
}

/// <summary>The JSON result of <c>simulate domain-gap</c>: the student's mix, and every mix at the same intensity.</summary>
public sealed record DomainGapReport(DomainGapResult Run, MixSweep Sweep);
