using System.CommandLine;
using System.Globalization;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Client.Commands;

/// <summary><c>dataselection corpus</c>: writes a track's generated corpus (with planted near-duplicates) as JSONL, for trying <c>dedup</c>.</summary>
public static class CorpusCommand
{
    public static Command Create(CliContext context)
    {
        var runner = new SimulationRunner();
        var documents = CliOptions.WholeNumber("--documents", "Documents to generate; default: the track's", null, 1, 10_000_000);
        var command = new Command("corpus", "Write a generated web-like corpus with known near-duplicate clusters as JSONL ({\"id\", \"text\"} per line)")
        {
            runner.Track, documents, runner.Seed, runner.Output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var track = TrackCatalog.Find(parse.GetRequiredValue(runner.Track))!;
            var count = parse.GetResult(documents) is null ? track.Dedup.Documents : parse.GetValue(documents);
            var corpus = await Task.Run(() => CorpusGenerator.Generate(track.Dedup, count, parse.GetValue(runner.Seed), cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            var destination = parse.GetRequiredValue(runner.Output);
            if (destination == Output.JsonOutput.StandardOutput)
            {
                await using var stdout = Console.OpenStandardOutput();
                CorpusGenerator.WriteJsonl(corpus.Documents, corpus.VocabularySize, stdout);
            }
            else
            {
                var temporary = destination + ".tmp";
                await using (var file = File.Create(temporary))
                {
                    CorpusGenerator.WriteJsonl(corpus.Documents, corpus.VocabularySize, file);
                }
                File.Move(temporary, destination, overwrite: true);
            }
            var copies = corpus.Documents.Count(d => d.IsNearCopy);
            await CommandRunner.SummaryWriter(context, destination).WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{track.Name}: {corpus.Documents.Count:N0} documents, {copies:N0} of them planted near-copies ({(double)copies / corpus.Documents.Count:P0})")).ConfigureAwait(false);
        }));
        return command;
    }
}
