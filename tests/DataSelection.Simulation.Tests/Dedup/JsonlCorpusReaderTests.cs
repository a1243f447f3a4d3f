using System.Text;
using DataSelection.Simulation.Dedup;

namespace DataSelection.Simulation.Tests.Dedup;

public class JsonlCorpusReaderTests
{
    private static List<(string Id, ulong[] Tokens)> Read(string jsonl) =>
        new JsonlCorpusReader(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "corpus.jsonl").ReadDocuments().ToList();

    private static CorpusFormatException Failure(string jsonl) =>
        Assert.Throws<CorpusFormatException>(() => Read(jsonl));

    [Fact]
    public void Malformed_json_is_reported_at_its_line_and_column()
    {
        var error = Failure("{\"id\": \"a\", \"text\": \"x y\"}\n{\"id\": \"b\", \"text\": \"x y\"}\n{\"id\": \"c\", \"text\": \"x\" ,,}\n");
        Assert.Equal("corpus.jsonl", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(26, error.Column);   // The second comma, 1-based.
        Assert.StartsWith("corpus.jsonl:3:26:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_is_reported_at_the_closing_brace()
    {
        var error = Failure("\n{\"id\": \"a\"}\n");
        Assert.Equal(2, error.Line);
        Assert.Equal(11, error.Column);
        Assert.Contains("missing field 'text'", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing field 'id'", Failure("{\"text\": \"a b\"}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_reported_at_its_value()
    {
        var error = Failure("{\"id\": \"a\", \"text\": 42}");
        Assert.Equal(1, error.Line);
        Assert.Equal(21, error.Column);
        Assert.Contains("must be a string, not a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, Failure("{\"id\": [1], \"text\": \"a\"}").Column);
    }

    [Fact]
    public void A_line_that_is_not_an_object_or_has_trailing_text_is_rejected()
    {
        Assert.Equal(1, Failure("[1, 2]").Column);
        Assert.Equal(2, Failure("{\"id\": 1, \"text\": \"a\"}\n{\"id\": 1, \"text\": \"a\"} x").Line);
    }

    [Fact]
    public void An_id_that_is_not_valid_utf8_is_reported()
    {
        byte[] line = [.. "{\"id\": \""u8, 0xFF, .. "\", \"text\": \"a\"}"u8];
        var error = Assert.Throws<CorpusFormatException>(() => new JsonlCorpusReader(new MemoryStream(line), "corpus.jsonl").ReadDocuments().ToList());
        Assert.Equal(1, error.Line);
        Assert.Equal(8, error.Column);
    }

    [Fact]
    public void Escaped_text_tokenises_like_plain_text_and_numeric_ids_are_kept_as_written()
    {
        var documents = Read("{\"id\": 7, \"extra\": {\"nested\": [1, 2]}, \"text\": \"caf\\u00e9\\tau lait\"}\r\n\r\n{\"text\": \"café au  lait \", \"id\": \"x\"}");
        Assert.Equal(2, documents.Count);
        Assert.Equal("7", documents[0].Id);
        Assert.Equal("x", documents[1].Id);
        Assert.Equal(documents[1].Tokens, documents[0].Tokens);
        Assert.Equal([TokenHasher.Hash("café"), TokenHasher.Hash("au"), TokenHasher.Hash("lait")], documents[0].Tokens);
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_are_read_whole()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 1_500_000));
        var documents = Read($"{{\"id\": \"long\", \"text\": \"{words}\"}}\n{{\"id\": \"short\", \"text\": \"a\"}}");
        Assert.Equal(1_500_000, documents[0].Tokens.Length);
        Assert.Equal("short", documents[1].Id);
    }

    [Fact]
    public void Detector_reports_the_first_bad_line_whatever_the_thread_count()
    {
        var lines = Enumerable.Range(0, 5_000).Select(i => $"{{\"id\": \"{i}\", \"text\": \"w{i} x y z\"}}").ToArray();
        lines[3_000] = "{\"id\": \"bad\"}";
        lines[4_500] = "{oops}";
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        foreach (var threads in new[] { 1, 2 })
        {
            var error = Assert.Throws<CorpusFormatException>(() =>
                NearDuplicateDetector.RunJsonl(new MemoryStream(bytes), "big.jsonl", new DedupOptions(Threads: threads)));
            Assert.Equal(3_001, error.Line);
        }
    }
}
