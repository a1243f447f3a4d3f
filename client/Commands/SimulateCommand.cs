using System.CommandLine;
using System.Globalization;
using DataSelection.Simulation.ActiveLearning;

namespace DataSelection.Client.Commands;

/// <summary><c>dataselection simulate</c>: the lab's own scenarios, headless, with each track's defaults.</summary>
public static class SimulateCommand
{
    public static Command Create(CliContext context) =>
        new("simulate", "Run one of the lab's simulations for a track; options left out take the track's defaults")
        {
            ActiveLearning(context),
        };

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

    private static string Labels(int? labels) => labels is { } n ? $"{n:N0} labels" : "never within budget";
}
