using System.CommandLine;
using System.Globalization;
using DataSelection.Client.Input;
using DataSelection.Client.Output;
using DataSelection.Simulation.DomainGap;

namespace DataSelection.Client.Commands;

/// <summary><c>dataselection fid</c>: the Fréchet distance between two feature sets (the domain gap).</summary>
public static class FidCommand
{
    public static Command Create(CliContext context)
    {
        var a = CliOptions.InputFile("--a", "First feature set as CSV: header row, numeric feature columns");
        var b = CliOptions.InputFile("--b", "Second feature set as CSV, same columns");
        var output = CliOptions.Output();
        var command = new Command("fid", "Fréchet distance between two feature sets: ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½)") { a, b, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var fileA = parse.GetRequiredValue(a).FullName;
            var fileB = parse.GetRequiredValue(b).FullName;
            var tableA = CsvTableReader.Read(fileA, minimumRows: 2);
            var tableB = CsvTableReader.Read(fileB, minimumRows: 2);
            if (tableA.Columns != tableB.Columns)
            {
                throw new InputFileException(fileB, 1, 1, $"expected {tableA.Columns} columns like {Path.GetFileName(fileA)}, found {tableB.Columns}");
            }
            var fid = FrechetDistance.FromSamples(Rows(tableA), Rows(tableB));
            var report = new FidReport(fid, tableA.Rows, tableB.Rows, tableA.Columns);
            var destination = parse.GetRequiredValue(output);
            await JsonOutput.WriteAsync(report, destination, context.Out, cancellationToken).ConfigureAwait(false);
            await CommandRunner.SummaryWriter(context, destination).WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"FID {fid:G6} between {tableA.Rows:N0} and {tableB.Rows:N0} rows of {tableA.Columns} features")).ConfigureAwait(false);
        }));
        return command;
    }

    private static double[][] Rows(CsvTable table) =>
        [.. Enumerable.Range(0, table.Rows).Select(r => table.Values.AsSpan(r * table.Columns, table.Columns).ToArray())];
}

/// <summary>The JSON result of <c>fid</c>.</summary>
public sealed record FidReport(double Fid, int RowsA, int RowsB, int Features);
