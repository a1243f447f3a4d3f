using System.Buffers;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// The only per-document state the engine keeps: one MinHash signature and its LSH band keys per
/// document, stored in fixed-size chunks so a million documents grow without copying
/// (128 × 4 + b × 8 bytes each: about 0.6 GB). Chunks are rented from the shared pool and returned by
/// <see cref="Dispose"/>, so repeated runs do not churn the large-object heap (every signature and
/// key is written before it is read).
/// </summary>
internal sealed class SignatureTable(int numPerm, int bands) : IDisposable
{
    private const int ChunkShift = 14;   // 16,384 documents per chunk: 8 MB of signatures at 128 permutations.
    private const int ChunkDocuments = 1 << ChunkShift;

    private readonly List<uint[]> _signatureChunks = [];
    private readonly List<ulong[]> _keyChunks = [];

    public int NumPerm { get; } = numPerm;

    public int Bands { get; } = bands;

    public int Count { get; private set; }

    /// <summary>Makes room for documents [Count, Count + documents) and counts them in.</summary>
    public void Grow(int documents)
    {
        Count += documents;
        while (_signatureChunks.Count * (long)ChunkDocuments < Count)
        {
            _signatureChunks.Add(ArrayPool<uint>.Shared.Rent(ChunkDocuments * NumPerm));
            _keyChunks.Add(ArrayPool<ulong>.Shared.Rent(ChunkDocuments * Bands));
        }
    }

    /// <summary>Document <paramref name="document"/>'s MinHash signature.</summary>
    public Span<uint> this[int document] =>
        _signatureChunks[document >> ChunkShift].AsSpan((document & (ChunkDocuments - 1)) * NumPerm, NumPerm);

    /// <summary>Document <paramref name="document"/>'s band keys, one per band.</summary>
    public Span<ulong> KeysOf(int document) =>
        _keyChunks[document >> ChunkShift].AsSpan((document & (ChunkDocuments - 1)) * Bands, Bands);

    public void Dispose()
    {
        foreach (var chunk in _signatureChunks)
        {
            ArrayPool<uint>.Shared.Return(chunk);
        }
        foreach (var chunk in _keyChunks)
        {
            ArrayPool<ulong>.Shared.Return(chunk);
        }
        _signatureChunks.Clear();
        _keyChunks.Clear();
        Count = 0;
    }
}
