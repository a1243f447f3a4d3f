using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using DataSelection.Simulation.Progress;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// The Part 1 deduplication engine: shingles every document, signs it with MinHash, bands the
/// signatures into LSH buckets, verifies candidates by estimated Jaccard and clusters them, keeping
/// the lowest id of each cluster. Holds only signatures, never texts.
/// </summary>
/// <remarks>
/// Signing runs on <see cref="DedupOptions.Threads"/> workers, each over a fixed range of every batch;
/// clustering is sequential in id order. The outcome is bit-identical for any thread count.
/// Progress: stage "sign" (fraction 0–0.9, partial = documents signed), then "cluster" (0.9–1, bands indexed).
/// </remarks>
public static class NearDuplicateDetector
{
    private const int BatchDocuments = 4_096;   // Progress and cancellation land at least once per batch.
    private const int CancellationStride = 64;  // ~0.2 ms of signing between cancellation checks.
    private const double SigningShare = 0.9;    // Share of the progress bar given to signing.

    /// <summary>Deduplicates a generated corpus's training documents (tokens hashed through their words).</summary>
    public static DedupRun Run(
        GeneratedCorpus corpus,
        DedupOptions options,
        IProgress<SimulationProgress<DedupPartial>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var vocabulary = CorpusGenerator.CachedVocabulary(corpus.VocabularySize);
        var words = vocabulary.Utf8;
        var hashes = vocabulary.Hashes;
        var documents = corpus.Documents;
        long bytes = 0;
        foreach (var document in documents)
        {
            // The bytes of the text the tokens spell, words separated by single spaces.
            bytes += Math.Max(0, document.Tokens.Length - 1);
            foreach (var token in document.Tokens)
            {
                bytes += words[token].Length;
            }
        }
        return Run(
            documents.Count,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (int index, ref ulong[] tokens) =>
            {
                var ids = documents[index].Tokens;
                if (tokens.Length < ids.Length)
                {
                    tokens = new ulong[ids.Length * 2];
                }
                for (var t = 0; t < ids.Length; t++)
                {
                    tokens[t] = hashes[ids[t]];
                }
                return ids.Length;
            },
            bytes,
            options,
            progress,
            cancellationToken);
    }

    /// <summary>Deduplicates documents given as token-hash sequences (see <see cref="TokenHasher"/>).</summary>
    public static DedupRun Run(
        IReadOnlyList<ulong[]> tokenHashes,
        DedupOptions options,
        IProgress<SimulationProgress<DedupPartial>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        return Run(
            tokenHashes.Count,
            (int index, ref ulong[] tokens) =>
            {
                tokens = tokenHashes[index];
                return tokens.Length;
            },
            0,
            options,
            progress,
            cancellationToken);
    }

    /// <summary>Deduplicates a JSONL corpus read from <paramref name="input"/> (see <see cref="JsonlCorpusReader"/>).</summary>
    /// <exception cref="CorpusFormatException">A line is malformed, lacks a field or has a field of the wrong type.</exception>
    public static JsonlDedupRun RunJsonl(
        Stream input,
        string fileName,
        DedupOptions options,
        string idField = "id",
        string textField = "text",
        IProgress<SimulationProgress<DedupPartial>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stopwatch = Stopwatch.StartNew();
        using var reader = new JsonlCorpusReader(input, fileName, idField, textField);
        using var engine = new Engine(options);
        var ids = new List<string>();
        var lines = new List<JsonlLine>();
        long? totalBytes = input.CanSeek ? input.Length - input.Position : null;
        while (reader.ReadBatch(lines, out var buffer))
        {
            var first = engine.Signatures.Count;
            engine.Signatures.Grow(lines.Count);
            var batchIds = new string[lines.Count];
            var errors = new CorpusFormatException?[options.Threads];
            engine.ForEachWorker(lines.Count, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (worker, k, workspace) =>
            {
                if (errors[worker] is not null)
                {
                    return;
                }
                var line = lines[k];
                try
                {
                    var (id, count) = reader.ParseLine(buffer.AsSpan(line.Start, line.Length), line.Number, ref workspace.Tokens);
                    batchIds[k] = id;
                    workspace.Sign(count, engine.Signatures, first + k);
                }
                catch (CorpusFormatException exception)
                {
                    // Each worker owns a contiguous range in line order, so its first error is its earliest.
                    errors[worker] = exception;
                }
            }, cancellationToken);
            foreach (var error in errors)
            {
                if (error is not null)
                {
                    throw error;
                }
            }
            ids.AddRange(batchIds);
            var fraction = totalBytes is > 0 ? SigningShare * reader.BytesRead / totalBytes.Value : 0.0;
            progress?.Report(new SimulationProgress<DedupPartial>("sign", Math.Min(SigningShare, fraction), new DedupPartial(ids.Count, 0)));
        }
        var outcome = engine.Cluster(progress, cancellationToken);
        var throughput = DedupThroughput.Measure(options.Threads, outcome.Documents, reader.BytesRead, outcome.Shingles * options.NumPerm, stopwatch.Elapsed);
        return new JsonlDedupRun(outcome, throughput, ids);
    }

    private static DedupRun Run(
        int documents,
        TokenSource tokensOf,
        long bytes,
        DedupOptions options,
        IProgress<SimulationProgress<DedupPartial>>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stopwatch = Stopwatch.StartNew();
        using var engine = new Engine(options);
        for (var first = 0; first < documents; first += BatchDocuments)
        {
            var count = Math.Min(BatchDocuments, documents - first);
            var start = engine.Signatures.Count;
            engine.Signatures.Grow(count);
            engine.ForEachWorker(count, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, k, workspace) =>
            {
                var tokens = tokensOf(start + k, ref workspace.Tokens);
                workspace.Sign(tokens, engine.Signatures, start + k);
            }, cancellationToken);
            progress?.Report(new SimulationProgress<DedupPartial>("sign", SigningShare * (first + count) / documents, new DedupPartial(first + count, 0)));
        }
        var outcome = engine.Cluster(progress, cancellationToken);
        var throughput = DedupThroughput.Measure(options.Threads, documents, bytes, outcome.Shingles * options.NumPerm, stopwatch.Elapsed);
        return new DedupRun(outcome, throughput);
    }

    /// <summary>Writes document <paramref name="index"/>'s token hashes into <paramref name="tokens"/> (or replaces it) and returns their count.</summary>
    private delegate int TokenSource(int index, ref ulong[] tokens);

    /// <summary>The state of one run: the permutations, the signatures, and one workspace per worker.</summary>
    private sealed class Engine : IDisposable
    {
        private readonly DedupOptions _options;
        private readonly Workspace[] _workspaces;

        public Engine(DedupOptions options)
        {
            _options = options;
            Plan = options.ResolveBandPlan();
            var hasher = new MinHasher(options.NumPerm, options.Seed);
            Signatures = new SignatureTable(options.NumPerm, Plan.Bands);
            _workspaces = new Workspace[options.Threads];
            for (var w = 0; w < _workspaces.Length; w++)
            {
                _workspaces[w] = new Workspace(hasher, options.Ngram, Plan);
            }
        }

        public BandPlan Plan { get; }

        public void Dispose() => Signatures.Dispose();

        public SignatureTable Signatures { get; }

        /// <summary>
        /// Runs <paramref name="body"/> for items 0…count−1, worker w taking the w-th contiguous range
        /// (so each worker's items are in order), checking for cancellation every few items.
        /// </summary>
        public void ForEachWorker(int count, Action<int, int, Workspace> body, CancellationToken cancellationToken)
        {
            var workers = Math.Min(_workspaces.Length, Math.Max(1, count));
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            void RunRange(int worker)
            {
                var from = (int)((long)count * worker / workers);
                var to = (int)((long)count * (worker + 1) / workers);
                var workspace = _workspaces[worker];
                for (var k = from; k < to; k++)
                {
                    if ((k - from) % CancellationStride == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    body(worker, k, workspace);
                }
            }
            if (workers == 1)
            {
                RunRange(0);
                return;
            }
            try
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, RunRange);
            }
            catch (AggregateException aggregate) when (aggregate.InnerExceptions.All(e => e is OperationCanceledException))
            {
                throw aggregate.InnerExceptions[0];
            }
        }

        public DedupOutcome Cluster(IProgress<SimulationProgress<DedupPartial>>? progress, CancellationToken cancellationToken)
        {
            var documents = Signatures.Count;
            var clustering = LshIndex.Cluster(
                Signatures,
                Plan,
                _options.Threshold,
                band => progress?.Report(new SimulationProgress<DedupPartial>(
                    "cluster", SigningShare + (1 - SigningShare) * band / Plan.Bands, new DedupPartial(documents, band))),
                cancellationToken);
            using var sets = clustering.Sets;
            var root = ArrayPool<int>.Shared.Rent(Math.Max(1, documents));
            var size = ArrayPool<int>.Shared.Rent(Math.Max(1, documents));
            var clusterOf = ArrayPool<int>.Shared.Rent(Math.Max(1, documents));
            var filled = ArrayPool<int>.Shared.Rent(Math.Max(1, documents));
            Array.Clear(size, 0, documents);
            Array.Clear(filled, 0, documents);
            var removed = 0;
            for (var i = 0; i < documents; i++)
            {
                root[i] = sets.Find(i);
                size[root[i]]++;
                removed += root[i] == i ? 0 : 1;
            }
            var kept = new int[documents - removed];
            var removedIds = new int[removed];
            var clusters = new List<int[]>();
            int keptCount = 0, removedCount = 0;
            for (var i = 0; i < documents; i++)
            {
                if (root[i] == i)
                {
                    kept[keptCount++] = i;
                    if (size[i] >= 2)
                    {
                        clusterOf[i] = clusters.Count;
                        clusters.Add(new int[size[i]]);
                    }
                }
                else
                {
                    removedIds[removedCount++] = i;
                }
                if (size[root[i]] >= 2)
                {
                    // Roots are their clusters' lowest ids, so a root is always seen before its members.
                    clusters[clusterOf[root[i]]][filled[root[i]]++] = i;
                }
            }
            ArrayPool<int>.Shared.Return(root);
            ArrayPool<int>.Shared.Return(size);
            ArrayPool<int>.Shared.Return(clusterOf);
            ArrayPool<int>.Shared.Return(filled);
            long shingles = 0;
            foreach (var workspace in _workspaces)
            {
                shingles += workspace.Shingles;
            }
            return new DedupOutcome(
                documents, kept, removedIds, [.. clusters],
                _options.Threshold, _options.NumPerm, _options.Ngram, Plan.Bands, Plan.Rows, Plan.SCurve(),
                shingles, clustering.CandidatePairs, clustering.ComparedPairs, clustering.VerifiedPairs);
        }
    }

    /// <summary>One worker's reusable buffers: token hashes, shingle hashes and the MinHash minima.</summary>
    private sealed class Workspace(MinHasher hasher, int ngram, BandPlan plan)
    {
        private readonly ulong[] _minima = new ulong[hasher.ScratchLength];
        private ulong[] _shingles = new ulong[512];

        public ulong[] Tokens = new ulong[512];

        public long Shingles { get; private set; }

        /// <summary>Shingles <see cref="Tokens"/>, then writes the document's signature and band keys into the table.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Sign(int tokenCount, SignatureTable table, int document)
        {
            var signature = table[document];
            var needed = Shingler.CountFor(tokenCount, ngram);
            if (_shingles.Length < needed)
            {
                _shingles = new ulong[needed * 2];
            }
            var count = Shingler.Shingle(Tokens.AsSpan(0, tokenCount), ngram, _shingles);
            hasher.Sign(_shingles.AsSpan(0, count), signature, _minima);
            LshIndex.BandKeys(signature, plan, table.KeysOf(document));
            Shingles += count;
        }
    }
}
