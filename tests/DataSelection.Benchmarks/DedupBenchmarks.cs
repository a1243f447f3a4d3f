using BenchmarkDotNet.Attributes;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Randomness;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Benchmarks;

/// <summary>
/// End to end from JSONL bytes (read, tokenise, hash, shingle, sign, band, cluster) on a 20,000-document
/// web-like corpus (~170 tokens per document). Times are per document: docs/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class DedupBenchmarks
{
    private const int Documents = 20_000;
    private byte[] _jsonl = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var corpus = CorpusGenerator.Generate(TrackCatalog.CloudTitan.Dedup, Documents, seed: 2026);
        using var stream = new MemoryStream();
        CorpusGenerator.WriteJsonl(corpus.Documents, corpus.VocabularySize, stream);
        _jsonl = stream.ToArray();
    }

    [Benchmark(OperationsPerInvoke = Documents)]
    public int JsonlEndToEnd() =>
        NearDuplicateDetector.RunJsonl(new MemoryStream(_jsonl, writable: false), "bench.jsonl", new DedupOptions(0.8, 128, 5, Threads: Threads)).Outcome.Removed.Length;
}

/// <summary>The lab's default Part 1 run: generate the track's corpus (4,000 documents) and deduplicate it on one core.</summary>
[MemoryDiagnoser]
public class DedupLabDefaultBenchmarks
{
    [Benchmark]
    public int GenerateAndDeduplicate()
    {
        var scenario = TrackCatalog.CloudTitan.Dedup;
        var corpus = CorpusGenerator.Generate(scenario, scenario.Documents, seed: 1);
        return NearDuplicateDetector.Run(corpus, DedupOptions.For(scenario)).Outcome.Removed.Length;
    }
}

/// <summary>MinHash arithmetic alone: 128 permutations over a 166-shingle document, per instruction path. Per operation = one shingle × 128 permutations.</summary>
[MemoryDiagnoser]
public class DedupMinHashBenchmarks
{
    private const int Shingles = 166;
    private readonly MinHasher _hasher = new(128, 1);
    private readonly uint[] _signature = new uint[128];
    private ulong[] _scratch = [];
    private ulong[] _shingles = [];

    [Params("Scalar", "Vector256", "Vector512")]
    public string Path { get; set; } = "Vector512";

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(1);
        _shingles = Enumerable.Range(0, Shingles).Select(_ => random.NextUInt64()).ToArray();
        _scratch = new ulong[_hasher.ScratchLength];
    }

    [Benchmark(OperationsPerInvoke = Shingles)]
    public uint Sign()
    {
        _hasher.Sign(_shingles, _signature, _scratch, Enum.Parse<MinHashPath>(Path));
        return _signature[0];
    }
}

/// <summary>
/// Scale check for the CLI: 1,000,000 web-like documents (~760 MB of JSONL in a temporary file)
/// deduplicated end to end on two threads. Run alone: --filter '*MillionDocuments*'.
/// </summary>
[MemoryDiagnoser]
public class MillionDocumentsBenchmarks
{
    private const int Documents = 1_000_000;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dedup-million-{Environment.ProcessId}.jsonl");

    [GlobalSetup]
    public void Setup()
    {
        var corpus = CorpusGenerator.Generate(TrackCatalog.CloudTitan.Dedup, Documents, seed: 2026);
        using var file = File.Create(_path);
        CorpusGenerator.WriteJsonl(corpus.Documents, corpus.VocabularySize, file);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public int JsonlTwoThreads()
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        return NearDuplicateDetector.RunJsonl(file, _path, new DedupOptions(0.8, 128, 5, Threads: 2)).Outcome.Removed.Length;
    }
}
