using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DataSelection.Client.Commands;
using DataSelection.Testing;

namespace DataSelection.Client.Tests.Fuzz;

/// <summary>
/// Generated broken input files and option values for the CLI, run in process: a broken file is a
/// clear error (exit 2, <c>error: file:line:column: reason</c> naming the line that was broken),
/// a bad option a clear usage error (exit 1), never a crash or a stack trace.
/// </summary>
[Trait("Category", "Security")]
public sealed partial class CliFuzzTests : IDisposable
{
    private const int Seed = 20_260_603;
    private const int FilesPerKind = 120;
    private const int Options = 80;
    private const int Rows = 12;

    private static readonly string[] HostileNumbers =
        ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "--1", "", " ", "0x10", "1,5", "\u0661", "1e", "abc", "\0", "1.2.3", "\U0001F600", "9" + new string('9', 400)];

    private readonly TemporaryDirectory directory = new();
    private readonly Random random = new(Seed);
    private readonly List<string> failures = [];
    private int sent;
    private int crashes;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Broken_files_and_options_get_a_clear_error_naming_where_and_never_crash()
    {
        for (var i = 0; i < FilesPerKind; i++)
        {
            var (jsonl, jsonlLine) = BrokenJsonl();
            var corpus = directory.Write($"corpus-{i}.jsonl", "");
            await File.WriteAllBytesAsync(corpus, jsonl);
            await ExpectFileError($"jsonl {i}", corpus, jsonlLine, "dedup", "--input", corpus, "--threads", "1");

            var (csv, csvLine) = BrokenCsv(integerLabels: i % 2 == 1);
            var pool = directory.Write($"pool-{i}.csv", csv);
            var test = directory.Write($"test-{i}.csv", ValidCsv());
            if (i % 2 == 0)
            {
                await ExpectFileError($"csv {i}", pool, csvLine, "fid", "--a", pool, "--b", test);
            }
            else
            {
                await ExpectFileError($"csv {i}", pool, csvLine, "active-learning", "--pool", pool, "--test", test, "--budget", "4", "--seed-size", "2", "--batch-size", "1");
            }
        }
        var valid = directory.Write("valid.jsonl", Encoding.UTF8.GetString(ValidJsonl()));
        for (var i = 0; i < Options; i++)
        {
            var option = random.Next(4) switch
            {
                0 => "--threshold",
                1 => "--num-perm",
                2 => "--ngram",
                _ => "--threads",
            };
            var value = HostileNumbers[random.Next(HostileNumbers.Length)];
            await ExpectUsageError($"option {i}", "dedup", "--input", valid, option, value);
        }

        SecurityFigures.Record(SecurityFigures.FuzzCases, sent, "cli");
        SecurityFigures.Record(SecurityFigures.ServerErrors, crashes, "cli");
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s); the first:\n" + string.Join("\n", failures.Take(8)));
    }

    [Fact]
    public async Task A_number_with_a_nul_in_it_is_an_error_at_its_line_and_column_not_a_number()
    {
        var table = directory.Write("nul.csv", "a,b\n1,2\n3,4\0\n5,6\n");

        var run = await CliRun.Of("fid", "--a", table, "--b", table);

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.StartsWith($"error: {table}:3:3: expected a number", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escaped_lone_surrogate_in_a_corpus_text_is_an_error_at_its_line_not_a_crash()
    {
        var corpus = directory.Write("surrogate.jsonl", "{\"id\": \"a\", \"text\": \"fine words\"}\n{\"id\": \"b\", \"text\": \"\\uDC00 broken\"}\n");

        var run = await CliRun.Of("dedup", "--input", corpus, "--threads", "1");

        Assert.Equal(CommandRunner.BadInput, run.ExitCode);
        Assert.StartsWith($"error: {corpus}:2:", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threshold", " ")]
    [InlineData("--num-perm", "abc")]
    public async Task A_number_option_that_is_not_a_number_is_a_usage_error_not_a_crash(string option, string value)
    {
        var corpus = directory.Write("ok.jsonl", Encoding.UTF8.GetString(ValidJsonl()));

        var run = await CliRun.Of("dedup", "--input", corpus, option, value);

        Assert.Equal(CommandRunner.UsageError, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
    }

    private async Task ExpectFileError(string label, string file, int line, params string[] args)
    {
        var run = await Run(label, args);
        var expected = $"error: {file}:{line.ToString(CultureInfo.InvariantCulture)}:";
        if (run is { ExitCode: CommandRunner.BadInput } && run.Error.StartsWith(expected, StringComparison.Ordinal) && Located().IsMatch(run.Error))
        {
            return;
        }
        failures.Add($"seed {Seed} {label}: expected exit 2 and '{expected}<column>: …' but got {run.ExitCode}: {Shorten(run.Error)}\n  file: {Shorten(await File.ReadAllTextAsync(file))}");
    }

    private async Task ExpectUsageError(string label, params string[] args)
    {
        var run = await Run(label, args);
        if (run.ExitCode == CommandRunner.UsageError && run.Error.Trim().Length > 0)
        {
            return;
        }
        failures.Add($"seed {Seed} {label}: expected a usage error (exit 1) for {string.Join(' ', args.Skip(3))} but got {run.ExitCode}: {Shorten(run.Error)}");
    }

    private async Task<CliRun> Run(string label, string[] args)
    {
        sent++;
        var run = await CliRun.Of(args);
        if (run.Error.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || run.Error.Contains("   at ", StringComparison.Ordinal))
        {
            crashes++;
            failures.Add($"crash: seed {Seed} {label}: {string.Join(' ', args)} → {Shorten(run.Error)}");
        }
        return run;
    }

    private byte[] ValidJsonl()
    {
        var lines = Enumerable.Range(0, Rows).Select(i => $$"""{"id": "d{{i}}", "text": "{{Words(12)}}"}""");
        return Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
    }

    /// <summary>A valid corpus with one line broken; returns the bytes and that line's number (1-based).</summary>
    private (byte[] Bytes, int Line) BrokenJsonl()
    {
        var lines = Enumerable.Range(0, Rows).Select(i => $$"""{"id": "d{{i}}", "text": "{{Words(12)}}"}""").ToList();
        var broken = random.Next(Rows);
        var line = lines[broken];
        var bytes = random.Next(11) switch
        {
            0 => Encoding.UTF8.GetBytes(line[..(1 + random.Next(line.Length - 1))]),
            1 => Encoding.UTF8.GetBytes(line.Replace("\"text\": \"", "\"text\": " + Pick(["5", "null", "true", "[\"a\"]", "{}"]) + ", \"x\": \"", StringComparison.Ordinal)),
            2 => Encoding.UTF8.GetBytes(line.Replace("\"id\": \"d", "\"id\": " + Pick(["null", "true", "[1]", "{}"]) + ", \"y\": \"d", StringComparison.Ordinal)),
            3 => Encoding.UTF8.GetBytes(line.Replace("\"id\"", "\"ident\"", StringComparison.Ordinal)),
            4 => Encoding.UTF8.GetBytes(line.Replace("\"text\"", "\"txt\"", StringComparison.Ordinal)),
            5 => Encoding.UTF8.GetBytes(line.Replace("\"id\": \"d", "\"id\": \"\\uD800d", StringComparison.Ordinal) + Pick(["", " "])),
            10 => Encoding.UTF8.GetBytes(line.Replace("\"text\": \"", "\"text\": \"\\uDC00 ", StringComparison.Ordinal)),
            6 => [.. Encoding.UTF8.GetBytes(line[..8]), 0x00, .. Encoding.UTF8.GetBytes(line[8..])],
            7 => Encoding.UTF8.GetBytes(line + Pick([" x", ",", "}", " {}", " //"])),
            8 => Encoding.UTF8.GetBytes(Pick(["[]", "\"text\"", "42", "NaN", "{\"id\": NaN, \"text\": \"a\"}", "{'id': 'a', 'text': 'b'}"])),
            _ => [.. Encoding.UTF8.GetBytes(line[..7]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(line[7..])],
        };
        var all = lines.Select(Encoding.UTF8.GetBytes).ToList();
        all[broken] = bytes;
        return ([.. all.SelectMany(l => l.Append((byte)'\n'))], broken + 1);
    }

    private string ValidCsv() =>
        "a,b,label\n" + string.Concat(Enumerable.Range(0, Rows).Select(i => $"{Number()},{Number()},{i % 2}\n"));

    /// <summary>
    /// A valid table with one row broken; returns the text and that row's line number (1-based, the
    /// header is line 1). With <paramref name="integerLabels"/> (active learning) a fractional label is broken too.
    /// </summary>
    private (string Text, int Line) BrokenCsv(bool integerLabels)
    {
        var rows = Enumerable.Range(0, Rows).Select(i => $"{Number()},{Number()},{i % 2}").ToList();
        var broken = random.Next(Rows);
        var row = rows[broken];
        var fields = row.Split(',');
        var column = random.Next(3);
        rows[broken] = random.Next(integerLabels ? 5 : 4) switch
        {
            0 => row[..row.LastIndexOf(',')],
            1 => row + "," + Number(),
            2 => string.Join(',', fields.Select((f, k) => k == column ? Pick(HostileNumbers) + "x" : f)),
            3 => $"{fields[0]}\0,{fields[1]},{fields[2]}",
            _ => $"{fields[0]},{fields[1]},{Pick(["1.5", "9007199254740993", "-1e10", "NaN"])}",
        };
        return ("a,b,label\n" + string.Join("\n", rows) + "\n", broken + 2);
    }

    private string Number() => (random.NextDouble() * 10 - 5).ToString("0.###", CultureInfo.InvariantCulture);

    private string Words(int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Pick(["data", "noise", "signal", "token", "label", "model", "é", "\\u00e9t\\u00e9", "\U0001F600", "\\n"])));

    private string Pick(string[] items) => items[random.Next(items.Length)];

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    /// <summary><c>error: path:line:column: reason</c>.</summary>
    [GeneratedRegex(@"^error: .+:\d+:\d+: \S")]
    private static partial Regex Located();
}
