using System.Text.Json;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Client.Tests.Commands;

public sealed class DedupCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task Finds_the_planted_near_duplicate_clusters_of_a_generated_corpus()
    {
        var corpus = CorpusGenerator.Generate(TrackCatalog.CloudTitan.Dedup, 1_000, seed: 7);
        var input = _directory.File("corpus.jsonl");
        using (var file = File.Create(input))
        {
            CorpusGenerator.WriteJsonl(corpus.Documents, corpus.VocabularySize, file);
        }
        var output = _directory.File("out.json");

        var run = await CliRun.Of("dedup", "--input", input, "--threads", "2", "--output", output);

        Assert.Equal(0, run.ExitCode);
        var result = Json(File.ReadAllText(output));
        Assert.Equal(1_000, result.GetProperty("documents").GetInt32());
        Assert.Equal(1_000, result.GetProperty("kept").GetInt32() + result.GetProperty("removed").GetInt32());
        Assert.Equal(0.8, result.GetProperty("threshold").GetDouble());
        Assert.Equal(128, result.GetProperty("num_perm").GetInt32());
        Assert.Equal(5, result.GetProperty("ngram").GetInt32());
        Assert.True(result.GetProperty("documents_per_second").GetDouble() > 0);
        Assert.True(result.GetProperty("bands").GetInt32() * result.GetProperty("rows").GetInt32() <= 128);
        // Half the corpus is planted near-copies and most sit above 0.8: expect most of them removed.
        var planted = corpus.Documents.Count(d => d.IsNearCopy);
        Assert.InRange(result.GetProperty("removed").GetInt32(), planted * 0.8, planted * 1.05);
        var clusters = result.GetProperty("clusters").EnumerateArray().ToList();
        Assert.All(clusters, c => Assert.True(c.GetArrayLength() >= 2));
        var sourceOf = corpus.Documents.ToDictionary(d => $"doc-{d.Id}", d => d.SourceId);
        // Every cluster is mostly one planted family.
        Assert.All(clusters, c =>
        {
            var sources = c.EnumerateArray().Select(id => sourceOf[id.GetString()!]).ToList();
            Assert.True(sources.GroupBy(s => s).Max(g => g.Count()) >= sources.Count * 0.9);
        });
    }

    [Fact]
    public async Task Thread_count_does_not_change_the_clusters()
    {
        var corpus = CorpusGenerator.Generate(TrackCatalog.EdgeGuardian.Dedup, 600, seed: 3);
        var input = _directory.File("corpus.jsonl");
        using (var file = File.Create(input))
        {
            CorpusGenerator.WriteJsonl(corpus.Documents, corpus.VocabularySize, file);
        }

        var one = await CliRun.Of("dedup", "--input", input, "--threads", "1");
        var two = await CliRun.Of("dedup", "--input", input, "--threads", "2");

        Assert.Equal(Json(one.Out).GetProperty("clusters").GetRawText(), Json(two.Out).GetProperty("clusters").GetRawText());
    }

    [Fact]
    public async Task Custom_field_names_are_read()
    {
        var input = _directory.Write("corpus.jsonl",
            """
            {"key": "a", "body": "the quick brown fox jumps over the lazy dog again and again"}
            {"key": "b", "body": "the quick brown fox jumps over the lazy dog again and again"}
            {"key": "c", "body": "an entirely different sentence about data selection and noise"}
            """);

        var run = await CliRun.Of("dedup", "--input", input, "--id-field", "key", "--text-field", "body");

        Assert.Equal(0, run.ExitCode);
        var clusters = Json(run.Out).GetProperty("clusters");
        Assert.Equal("""[["a","b"]]""", clusters.GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": 42}\n", 2, "text")]
    [InlineData("{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\"}\n", 2, "text")]
    [InlineData("{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": \"cut\n", 2, "")]
    [InlineData("not json at all\n", 1, "")]
    public async Task Malformed_lines_are_reported_with_file_line_and_column(string content, int line, string mentions)
    {
        var input = _directory.Write("bad.jsonl", content);
        var output = _directory.File("out.json");

        var run = await CliRun.Of("dedup", "--input", input, "--output", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches($@"^error: {System.Text.RegularExpressions.Regex.Escape(input)}:{line}:\d+: ", run.Error);
        Assert.Contains(mentions, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Impossible_banding_is_a_clear_error()
    {
        var input = _directory.Write("corpus.jsonl", "{\"id\": \"a\", \"text\": \"one two three four five six\"}\n");

        var run = await CliRun.Of("dedup", "--input", input, "--num-perm", "64", "--bands", "10", "--rows", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("64 permutations", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_file_is_named()
    {
        var run = await CliRun.Of("dedup", "--input", _directory.File("nope.jsonl"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.jsonl", run.Error, StringComparison.Ordinal);
    }
}
