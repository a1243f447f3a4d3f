using System.CommandLine;
using DataSelection.Client.Output;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Client.Commands;

/// <summary>What every <c>simulate</c> sub-command shares: the track, the seed, the output, progress and the summary.</summary>
public sealed class SimulationRunner
{
    private static readonly string[] TrackIds = [.. TrackCatalog.All.Select(t => t.Id)];

    public Option<string> Track { get; } = new("--track", "-t")
    {
        Description = $"The lab track whose scenario to run: {string.Join(", ", TrackIds)}",
        Required = true,
        HelpName = string.Join('|', TrackIds),
    };

    public Option<ulong> Seed { get; } = CliOptions.Seed(1);

    public Option<string> Output { get; } = CliOptions.Output();

    public SimulationRunner()
    {
        Track.CompletionSources.Add(TrackIds);
        Track.Validators.Add(result =>
        {
            var id = result.GetValueOrDefault<string>();
            if (TrackCatalog.Find(id) is null)
            {
                result.AddError($"--track must be one of {string.Join(", ", TrackIds)}; got \"{id}\".");
            }
        });
    }

    public Command Command(string name, string description, params Option[] parameters)
    {
        var command = new Command(name, description) { Track };
        foreach (var parameter in parameters)
        {
            command.Options.Add(parameter);
        }
        command.Options.Add(Seed);
        command.Options.Add(Output);
        return command;
    }

    /// <summary>Runs <paramref name="simulate"/> with a progress bar, writes its result as JSON and a one-line summary.</summary>
    public Task<int> RunAsync<TPartial, TResult>(
        CliContext context,
        ParseResult parse,
        Func<TrackScenario, ulong, IProgress<SimulationProgress<TPartial>>, CancellationToken, TResult> simulate,
        Func<TResult, string> summarize,
        CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(context, async () =>
        {
            var track = TrackCatalog.Find(parse.GetRequiredValue(Track))!;
            var seed = parse.GetValue(Seed);
            var result = await ProgressDisplay.RunAsync(
                $"{parse.CommandResult.Command.Name} ({track.Name})",
                context.Interactive,
                (report, token) => simulate(track, seed, new SynchronousProgress<SimulationProgress<TPartial>>(p => report(p.Stage, p.Fraction)), token),
                cancellationToken).ConfigureAwait(false);
            var destination = parse.GetRequiredValue(Output);
            await JsonOutput.WriteAsync(result, destination, context.Out, cancellationToken).ConfigureAwait(false);
            await CommandRunner.SummaryWriter(context, destination).WriteLineAsync($"{track.Name}: {summarize(result)}").ConfigureAwait(false);
        });
}
