using System.Text;
using DataSelection.Simulation.Costs;
using DataSelection.Simulation.Dedup;

namespace DataSelection.Simulation.Tests.Dedup;

public class ShinglerTests
{
    [Fact]
    public void A_document_shorter_than_n_has_one_shingle_of_all_its_tokens()
    {
        var shingles = new ulong[1];
        Assert.Equal(1, Shingler.Shingle([1, 2], 5, shingles));
        var other = new ulong[1];
        Shingler.Shingle([2, 1], 5, other);
        Assert.NotEqual(shingles[0], other[0]);
        Assert.Equal(1, Shingler.Shingle([], 5, other));
    }

    [Fact]
    public void Vector_shingling_matches_the_scalar_definition()
    {
        var random = new DataSelection.Simulation.Randomness.SeededRandom(4);
        foreach (var ngram in new[] { 1, 3, 5, 12 })
        {
            foreach (var length in new[] { 0, 1, 4, 5, 8, 13, 20, 171 })
            {
                var tokens = Enumerable.Range(0, length).Select(_ => random.NextUInt64()).ToArray();
                var expected = new ulong[Shingler.CountFor(length, ngram)];
                var actual = new ulong[expected.Length];
                Assert.Equal(Shingler.ShingleScalar(tokens, ngram, expected), Shingler.Shingle(tokens, ngram, actual));
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Shingles_are_order_sensitive_runs_and_jaccard_is_exact()
    {
        ulong[] a = [1, 2, 3, 4, 5, 6];
        ulong[] b = [1, 2, 3, 4, 5, 7];
        var setA = Shingler.ShingleSet(a, 5);
        var setB = Shingler.ShingleSet(b, 5);
        Assert.Equal(2, setA.Length);
        // Shared: {1..5}; A adds {2..6}, B adds {2..5,7}: J = 1/3.
        Assert.Equal(1.0 / 3.0, Shingler.Jaccard(setA, setB), 12);
        Assert.Single(Shingler.ShingleSet([9, 9, 9, 9, 9, 9, 9], 5));
    }
}

public class TokenHasherTests
{
    [Fact]
    public void Words_split_on_ascii_whitespace_hash_like_single_words()
    {
        var tokens = new ulong[1];
        var count = TokenHasher.HashWords(Encoding.UTF8.GetBytes("  the quick\tbrown\r\nfox_jumps\u00a0over "), ref tokens);
        Assert.Equal(4, count);
        Assert.Equal(TokenHasher.Hash("the"), tokens[0]);
        Assert.Equal(TokenHasher.Hash("fox_jumps\u00a0over"), tokens[3]);
        Assert.NotEqual(TokenHasher.Hash("abcdefgh"), TokenHasher.Hash("abcdefgi"));
        Assert.NotEqual(TokenHasher.Hash("a"), TokenHasher.Hash("a\0"));
    }
}

public class TokenHasherSplittingTests
{
    [Fact]
    public void Vectorised_word_splitting_matches_a_plain_split_on_any_text()
    {
        var random = new DataSelection.Simulation.Randomness.SeededRandom(12);
        var alphabet = "ab é\t\n\r\v\fxyz0123456789-,.".Select(c => c.ToString()).ToArray();
        var tokens = new ulong[4];
        for (var trial = 0; trial < 500; trial++)
        {
            var text = string.Concat(Enumerable.Range(0, random.NextInt(0, 300)).Select(_ => alphabet[random.NextInt(alphabet.Length)]));
            var expected = text.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries).Select(TokenHasher.Hash).ToArray();
            var count = TokenHasher.HashWords(Encoding.UTF8.GetBytes(text), ref tokens);
            Assert.Equal(expected, tokens[..count]);
        }
    }
}

public class IndexingCostTests
{
    [Fact]
    public void Indexing_cost_is_bytes_over_measured_rate_priced_per_core_hour()
    {
        var prices = new ComputePrices(GpuHourUsd: 2, GpuPeakFlops: 1e15, GpuUtilization: 0.4, CpuCoreHourUsd: 0.04);
        var throughput = new DedupThroughput(Threads: 2, Documents: 1, InputBytes: 1, Seconds: 1, DocumentsPerSecond: 1, ShinglePermutationsPerSecond: 1, BytesPerSecond: 200e6);
        var cost = IndexingCost.For(1e15, throughput, prices);
        // 1 PB at 100 MB/s per core = 10⁷ core-seconds = 2,777.8 core-hours = $111.11.
        Assert.Equal(100e6, cost.BytesPerCoreSecond);
        Assert.Equal(1e7 / 3600, cost.CoreHours, 6);
        Assert.Equal(1e7 / 3600 * 0.04, cost.Dollars, 6);
    }
}
