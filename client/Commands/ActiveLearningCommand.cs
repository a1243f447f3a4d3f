using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DataSelection.Client.Input;
using DataSelection.Client.Output;
using DataSelection.Simulation.ActiveLearning;

namespace DataSelection.Client.Commands;

/// <summary><c>dataselection active-learning</c>: random vs uncertainty sampling on the user's own CSV data.</summary>
public static class ActiveLearningCommand
{
    public static Command Create(CliContext context)
    {
        var pool = CliOptions.InputFile("--pool", "Unlabeled pool as CSV: header row, numeric features, last column the integer label");
        var test = CliOptions.InputFile("--test", "Test set as CSV, same columns as the pool");
        var strategy = CliOptions.Choice("--strategy", "How each round chooses what to label", "margin", StrategyNames.All);
        var batchSize = CliOptions.WholeNumber("--batch-size", "Labels bought per round", 50, 1, 1_000_000);
        var seedSize = CliOptions.WholeNumber("--seed-size", "Random labels bought before the first round", 20, 1, 1_000_000);
        var budget = CliOptions.WholeNumber("--budget", "Labels bought in all, seed included", 1_000, 1, 10_000_000);
        var labelCost = CliOptions.Number("--label-cost", "Price of one label", 1.0, 0.0, 1e9);
        var seed = CliOptions.Seed();
        var output = CliOptions.Output();

        var command = new Command("active-learning", "Pool-based active learning with a logistic-regression learner: accuracy vs labels vs cost")
        {
            pool, test, strategy, batchSize, seedSize, budget, labelCost, seed, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var poolFile = parse.GetRequiredValue(pool).FullName;
            var testFile = parse.GetRequiredValue(test).FullName;
            var poolTable = CsvTableReader.Read(poolFile, minimumColumns: 2, minimumRows: 2, integerLastColumn: true);
            var testTable = CsvTableReader.Read(testFile, minimumColumns: 2, minimumRows: 1, integerLastColumn: true);
            if (poolTable.Columns != testTable.Columns)
            {
                throw new InputFileException(testFile, 1, 1, $"the test set has {testTable.Columns} columns but the pool has {poolTable.Columns}");
            }
            var classes = ClassLabels.From(poolTable, testTable);
            var options = new ActiveLearningOptions(
                StrategyNames.Parse(parse.GetRequiredValue(strategy)),
                parse.GetValue(seedSize),
                parse.GetValue(batchSize),
                parse.GetValue(budget),
                parse.GetValue(labelCost),
                parse.GetValue(seed));
            if (options.Budget < options.SeedSize)
            {
                throw new ArgumentException($"--budget ({options.Budget}) must be at least --seed-size ({options.SeedSize}).");
            }
            var poolData = new LabeledPool(poolTable.FeaturesWithoutLastColumn(), poolTable.Columns - 1, classes.IndicesOf(poolTable));
            var testData = new LabeledPool(testTable.FeaturesWithoutLastColumn(), testTable.Columns - 1, classes.IndicesOf(testTable));
            var rounds = (int)Math.Ceiling(Math.Max(0, Math.Min(options.Budget, poolData.Rows) - options.SeedSize) / (double)options.BatchSize);

            var (curve, seconds) = await ProgressDisplay.RunAsync(
                "active learning",
                context.Interactive,
                (report, token) =>
                {
                    var progress = new Simulation.Progress.SynchronousProgress<Simulation.Progress.SimulationProgress<ActiveLearningRound>>(
                        p => report($"round {p.Partial?.Round}", rounds == 0 ? 1 : (p.Partial?.Round ?? 0) / (double)rounds));
                    var clock = Stopwatch.StartNew();
                    var result = ActiveLearningLoop.Run(poolData, testData, options, progress, token);
                    return (result, clock.Elapsed.TotalSeconds);
                },
                cancellationToken).ConfigureAwait(false);

            var reportValue = new ActiveLearningReport(
                parse.GetRequiredValue(strategy),
                poolData.Rows,
                testData.Rows,
                poolData.FeatureCount,
                classes.Values,
                options.BatchSize,
                options.SeedSize,
                options.Budget,
                options.LabelCostUsd,
                options.Seed,
                seconds,
                [.. curve.Rounds.Select(r => new ActiveLearningReportPoint(r.Round, r.Labels, r.Accuracy, r.TotalCostUsd))]);
            var destination = parse.GetRequiredValue(output);
            await JsonOutput.WriteAsync(reportValue, destination, context.Out, cancellationToken).ConfigureAwait(false);

            var last = curve.Rounds[^1];
            var best = curve.Rounds.MaxBy(r => r.Accuracy)!;
            await CommandRunner.SummaryWriter(context, destination).WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{reportValue.Strategy}: {last.Labels:N0} labels in {last.Round} rounds → accuracy {last.Accuracy:P1} for {last.TotalCostUsd:N2}; " +
                $"best {best.Accuracy:P1} at {best.Labels:N0} labels; {seconds:F3} s")).ConfigureAwait(false);
        }));
        return command;
    }
}

/// <summary>The JSON result of <c>active-learning</c>.</summary>
public sealed record ActiveLearningReport(
    string Strategy,
    int PoolRows,
    int TestRows,
    int Features,
    IReadOnlyList<long> Classes,
    int BatchSize,
    int SeedSize,
    int Budget,
    double LabelCost,
    ulong Seed,
    double Seconds,
    IReadOnlyList<ActiveLearningReportPoint> Curve);

/// <summary>One point of the accuracy-vs-labels-vs-cost curve.</summary>
public sealed record ActiveLearningReportPoint(int Round, int Labels, double Accuracy, double Cost);
