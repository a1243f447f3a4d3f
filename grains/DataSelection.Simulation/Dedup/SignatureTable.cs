using System.Buffers;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// The only per-document state the engine keeps: one MinHash signature per document, stored in
/// fixed-size chunks so a million documents grow without copying (128 × 4 bytes each: 512 MB).
/// Chunks are rented from the shared pool and returned by <see cref="Dispose"/>, so repeated runs
/// do not churn the large-object heap (every signature is fully written before it is read).
/// </summary>
internal sealed class SignatureTable(int numPerm) : IDisposable
{
    private const int ChunkShift = 14;   // 16,384 signatures per chunk: 8 MB at 128 permutations.
    private const int ChunkDocuments = 1 << ChunkShift;

    private readonly List<uint[]> _chunks = [];

    public int NumPerm { get; } = numPerm;

    public int Count { get; private set; }

    /// <summary>Makes room for documents [Count, Count + documents) and counts them in.</summary>
    public void Grow(int documents)
    {
        Count += documents;
        while (_chunks.Count * (long)ChunkDocuments < Count)
        {
            _chunks.Add(ArrayPool<uint>.Shared.Rent(ChunkDocuments * NumPerm));
        }
    }

    public Span<uint> this[int document] =>
        _chunks[document >> ChunkShift].AsSpan((document & (ChunkDocuments - 1)) * NumPerm, NumPerm);

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<uint>.Shared.Return(chunk);
        }
        _chunks.Clear();
        Count = 0;
    }
}
