using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// Turns words into 64-bit token hashes. Text is split on ASCII whitespace (space, tab, CR, LF,
/// vertical tab, form feed); each word's UTF-8 bytes are hashed. Other Unicode spaces (e.g. U+00A0)
/// are part of a word. The JSONL path and the generated-corpus path both hash through
/// <see cref="Hash(ReadOnlySpan{byte})"/>, so a generated document and its JSONL text give the same tokens.
/// </summary>
/// <remarks>
/// The hash is our own multiply–rotate construction over 8-byte little-endian chunks with a
/// SplitMix64 finaliser (Steele, Lea &amp; Flood 2014): fast on short words, well mixed, not cryptographic.
/// </remarks>
public static class TokenHasher
{
    private const ulong Seed = 0x243F6A8885A308D3UL;   // Digits of π: an arbitrary, documented starting state.
    private const ulong Multiplier1 = 0x9E3779B97F4A7C15UL;
    private const ulong Multiplier2 = 0xC2B2AE3D27D4EB4FUL;

    private static readonly bool[] Whitespace = BuildWhitespaceTable();

    /// <summary>The 64-bit hash of one word given as UTF-8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Hash(ReadOnlySpan<byte> utf8Word)
    {
        var h = Seed ^ ((ulong)utf8Word.Length * Multiplier1);
        while (utf8Word.Length >= 8)
        {
            h = Absorb(h, BinaryPrimitives.ReadUInt64LittleEndian(utf8Word));
            utf8Word = utf8Word[8..];
        }
        if (!utf8Word.IsEmpty)
        {
            ulong tail = 0;
            for (var i = 0; i < utf8Word.Length; i++)
            {
                tail |= (ulong)utf8Word[i] << (8 * i);
            }
            h = Absorb(h, tail);
        }
        return Finalise(h);
    }

    /// <summary>The 64-bit hash of one word.</summary>
    public static ulong Hash(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Hash(Encoding.UTF8.GetBytes(word));
    }

    /// <summary>
    /// Splits UTF-8 text on ASCII whitespace and writes one hash per word into <paramref name="tokens"/>
    /// (grown as needed); returns the number of tokens.
    /// </summary>
    /// <remarks>
    /// Word boundaries are found 32 bytes at a time: a bit mask of whitespace bytes, whose changes
    /// (mask XOR mask shifted by one) are exactly the word starts and ends.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int HashWords(ReadOnlySpan<byte> utf8Text, ref ulong[] tokens)
    {
        var count = 0;
        var wordStart = -1;
        var position = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var text = ref MemoryMarshal.GetReference(utf8Text);
            var space = Vector256.Create((byte)' ');
            var tab = Vector256.Create((byte)'\t');
            var controls = Vector256.Create((byte)('\r' - '\t' + 1));
            var previousIsSpace = 1u;   // The text starts as if after whitespace.
            for (; position + 32 <= utf8Text.Length; position += 32)
            {
                var chunk = Vector256.LoadUnsafe(ref text, (nuint)position);
                // Whitespace: ' ', or one of \t \n \v \f \r (bytes 9–13, a single unsigned range test).
                var isSpace = Vector256.Equals(chunk, space) | Vector256.LessThan(chunk - tab, controls);
                var mask = isSpace.ExtractMostSignificantBits();
                var changes = mask ^ ((mask << 1) | previousIsSpace);
                previousIsSpace = mask >> 31;
                while (changes != 0)
                {
                    var at = position + BitOperations.TrailingZeroCount(changes);
                    changes &= changes - 1;
                    if (wordStart < 0)
                    {
                        wordStart = at;
                    }
                    else
                    {
                        Append(ref tokens, ref count, HashWordAt(utf8Text, wordStart, at - wordStart));
                        wordStart = -1;
                    }
                }
            }
        }
        var whitespace = Whitespace;
        for (; position < utf8Text.Length; position++)
        {
            if (whitespace[utf8Text[position]] == (wordStart < 0))
            {
                continue;
            }
            if (wordStart < 0)
            {
                wordStart = position;
            }
            else
            {
                Append(ref tokens, ref count, HashWordAt(utf8Text, wordStart, position - wordStart));
                wordStart = -1;
            }
        }
        if (wordStart >= 0)
        {
            Append(ref tokens, ref count, HashWordAt(utf8Text, wordStart, utf8Text.Length - wordStart));
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Append(ref ulong[] tokens, ref int count, ulong hash)
    {
        if (count == tokens.Length)
        {
            Array.Resize(ref tokens, Math.Max(16, tokens.Length * 2));
        }
        tokens[count++] = hash;
    }

    /// <summary><see cref="Hash(ReadOnlySpan{byte})"/> of text[start..start+length], reading a short word with one 8-byte load when the text allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashWordAt(ReadOnlySpan<byte> text, int start, int length)
    {
        if (length <= 8 && start + 8 <= text.Length)
        {
            var chunk = BinaryPrimitives.ReadUInt64LittleEndian(text[start..]) & (ulong.MaxValue >> (64 - 8 * length));
            return Finalise(Absorb(Seed ^ ((ulong)length * Multiplier1), chunk));
        }
        return Hash(text.Slice(start, length));
    }

    /// <summary>Whether <paramref name="b"/> separates words.</summary>
    public static bool IsWhitespace(byte b) => Whitespace[b];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Absorb(ulong h, ulong chunk)
    {
        h ^= chunk * Multiplier2;
        return ulong.RotateLeft(h, 27) * Multiplier1 + 0x52DCE729UL;
    }

    /// <summary>SplitMix64's output function: spreads every input bit over the whole word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary><see cref="Finalise(ulong)"/> on eight values at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> Finalise(Vector512<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static bool[] BuildWhitespaceTable()
    {
        var table = new bool[256];
        foreach (var b in " \t\r\n\v\f"u8)
        {
            table[b] = true;
        }
        return table;
    }
}
