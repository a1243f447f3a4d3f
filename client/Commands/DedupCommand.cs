using System.CommandLine;
using System.Globalization;
using DataSelection.Client.Output;
using DataSelection.Simulation.Dedup;

namespace DataSelection.Client.Commands;

/// <summary><c>dataselection dedup</c>: MinHash/LSH near-duplicate detection on the user's own JSONL corpus.</summary>
public static class DedupCommand
{
    public static Command Create(CliContext context)
    {
        var input = CliOptions.InputFile("--input", "Corpus as JSONL: one JSON object per line with an id field and a text field");
        var idField = new Option<string>("--id-field") { Description = "Name of the id field", DefaultValueFactory = _ => "id" };
        var textField = new Option<string>("--text-field") { Description = "Name of the text field", DefaultValueFactory = _ => "text" };
        var threshold = CliOptions.Number("--threshold", "Jaccard similarity at which two documents are near-duplicates", 0.8, 0.01, 1.0);
        var numPerm = CliOptions.WholeNumber("--num-perm", "MinHash permutations (signature length)", 128, 1, 1_024);
        var ngram = CliOptions.WholeNumber("--ngram", "Shingle size in tokens", 5, 1, 64);
        var bands = CliOptions.WholeNumber("--bands", "LSH bands; default: chosen for the threshold", null, 1, 1_024);
        var rows = CliOptions.WholeNumber("--rows", "Rows per LSH band; default: chosen for the threshold", null, 1, 1_024);
        var threads = CliOptions.WholeNumber("--threads", "Worker threads", Environment.ProcessorCount, 1, 256);
        var seed = CliOptions.Seed(1);
        var output = CliOptions.Output();

        var command = new Command("dedup", "Find near-duplicate documents with MinHash and LSH; keeps one document per cluster")
        {
            input, idField, textField, threshold, numPerm, ngram, bands, rows, threads, seed, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var file = parse.GetRequiredValue(input).FullName;
            var options = new DedupOptions(
                parse.GetValue(threshold),
                parse.GetValue(numPerm),
                parse.GetValue(ngram),
                parse.GetResult(bands) is null ? null : parse.GetValue(bands),
                parse.GetResult(rows) is null ? null : parse.GetValue(rows),
                parse.GetValue(threads),
                parse.GetValue(seed));
            if (!File.Exists(file))
            {
                throw new Input.InputFileException(file, 0, 0, "file not found");
            }
            var run = await ProgressDisplay.RunAsync(
                "dedup",
                context.Interactive,
                (report, token) =>
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
                    var progress = new Simulation.Progress.SynchronousProgress<Simulation.Progress.SimulationProgress<DedupPartial>>(p => report(p.Stage, p.Fraction));
                    return NearDuplicateDetector.RunJsonl(stream, file, options, parse.GetRequiredValue(idField), parse.GetRequiredValue(textField), progress, token);
                },
                cancellationToken).ConfigureAwait(false);

            var outcome = run.Outcome;
            var ids = run.DocumentIds;
            var report = new DedupReport(
                outcome.Documents,
                outcome.Kept.Length,
                outcome.Removed.Length,
                outcome.Bands,
                outcome.Rows,
                outcome.Threshold,
                outcome.NumPerm,
                outcome.Ngram,
                run.Throughput.Threads,
                run.Throughput.Seconds,
                run.Throughput.DocumentsPerSecond,
                run.Throughput.ShinglePermutationsPerSecond,
                run.Throughput.BytesPerSecond,
                outcome.Shingles,
                outcome.CandidatePairs,
                outcome.VerifiedPairs,
                [.. outcome.Clusters.Select(cluster => cluster.Select(i => ids[i]).ToArray())]);
            var destination = parse.GetRequiredValue(output);
            await JsonOutput.WriteAsync(report, destination, context.Out, cancellationToken).ConfigureAwait(false);
            await CommandRunner.SummaryWriter(context, destination).WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{report.Documents:N0} documents: kept {report.Kept:N0}, removed {report.Removed:N0} in {report.Clusters.Count:N0} clusters " +
                $"(threshold {report.Threshold}, {report.Bands}×{report.Rows} bands); {report.DocumentsPerSecond:N0} documents/s on {report.Threads} thread(s)")).ConfigureAwait(false);
        }));
        return command;
    }
}

/// <summary>The JSON result of <c>dedup</c>: counts, settings, throughput and the clusters (ids from the input).</summary>
public sealed record DedupReport(
    int Documents,
    int Kept,
    int Removed,
    int Bands,
    int Rows,
    double Threshold,
    int NumPerm,
    int Ngram,
    int Threads,
    double Seconds,
    double DocumentsPerSecond,
    double ShinglePermutationsPerSecond,
    double BytesPerSecond,
    long Shingles,
    long CandidatePairs,
    long VerifiedPairs,
    IReadOnlyList<string[]> Clusters);
