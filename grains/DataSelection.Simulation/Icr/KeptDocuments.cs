using System.Runtime.InteropServices;

namespace DataSelection.Simulation.Icr;

/// <summary>
/// Which documents deduplication kept, as a value: two masks with the same flags are equal (a bit
/// per document, compared in full, so different sets never share a key however their hashes fall).
/// </summary>
internal sealed class KeptDocuments : IEquatable<KeptDocuments>
{
    private readonly ulong[] _bits;
    private readonly int _count;
    private readonly int _hash;

    public KeptDocuments(IReadOnlyList<bool> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        _count = kept.Count;
        _bits = new ulong[(kept.Count + 63) / 64];
        for (var i = 0; i < kept.Count; i++)
        {
            if (kept[i])
            {
                _bits[i >> 6] |= 1UL << (i & 63);
            }
        }
        var hash = new HashCode();
        hash.Add(_count);
        hash.AddBytes(MemoryMarshal.AsBytes(_bits.AsSpan()));
        _hash = hash.ToHashCode();
    }

    public bool Equals(KeptDocuments? other) =>
        other is not null && (ReferenceEquals(this, other) || (_count == other._count && _hash == other._hash && _bits.AsSpan().SequenceEqual(other._bits)));

    public override bool Equals(object? obj) => Equals(obj as KeptDocuments);

    public override int GetHashCode() => _hash;
}
