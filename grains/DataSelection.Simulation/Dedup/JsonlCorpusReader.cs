using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// Reads a JSON Lines corpus (one object per line with an id field and a text field) straight from
/// UTF-8 bytes: lines are cut from a large buffer in batches and parsed with <see cref="Utf8JsonReader"/>;
/// text is tokenised and hashed in place (no string per token; one string per document, its id).
/// Blank lines are skipped; lines may end in LF or CRLF.
/// </summary>
/// <remarks>
/// Errors raise <see cref="CorpusFormatException"/> with the 1-based line and 1-based byte column:
/// the reader's position for malformed JSON, the value's first byte for a wrong type, the closing
/// brace for a missing field. The id may be a JSON string or number; the text must be a string.
/// An id must be valid UTF-8; text bytes are split and hashed as they are (invalid UTF-8 in text is
/// not rejected, as <see cref="Utf8JsonReader"/> does not validate string contents).
/// </remarks>
public sealed class JsonlCorpusReader : IDisposable
{
    private const int InitialBufferBytes = 4 << 20;   // 4 MB: a few thousand web documents per batch.

    private readonly Stream _stream;
    private readonly byte[] _idField;
    private readonly byte[] _textField;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _filled;
    private int _consumed;
    private bool _endOfStream;
    private long _lineNumber;

    public JsonlCorpusReader(Stream stream, string fileName, string idField = "id", string textField = "text")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(idField);
        ArgumentNullException.ThrowIfNull(textField);
        _stream = stream;
        FileName = fileName;
        _idField = Encoding.UTF8.GetBytes(idField);
        _textField = Encoding.UTF8.GetBytes(textField);
        IdField = idField;
        TextField = textField;
    }

    public string FileName { get; }

    public string IdField { get; }

    public string TextField { get; }

    /// <summary>Returns the read buffer to the shared pool; the stream stays open (the caller owns it).</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _filled = 0;
        _consumed = 0;
        _endOfStream = true;
    }

    /// <summary>Bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Every document as (id, token hashes). Convenient for small files; the engine uses the batched path.</summary>
    public IEnumerable<(string Id, ulong[] Tokens)> ReadDocuments()
    {
        var lines = new List<JsonlLine>();
        var tokens = new ulong[256];
        while (ReadBatch(lines, out var buffer))
        {
            foreach (var line in lines)
            {
                var (id, count) = ParseLine(buffer.AsSpan(line.Start, line.Length), line.Number, ref tokens);
                yield return (id, tokens[..count]);
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="lines"/> with the next batch of non-blank lines, all inside <paramref name="buffer"/>
    /// and valid until the next call; false at the end of the stream.
    /// </summary>
    internal bool ReadBatch(List<JsonlLine> lines, out byte[] buffer)
    {
        lines.Clear();
        // Keep the unfinished tail of the previous batch and top up the buffer.
        var tail = _filled - _consumed;
        if (_consumed > 0)
        {
            Buffer.BlockCopy(_buffer, _consumed, _buffer, 0, tail);
            _filled = tail;
            _consumed = 0;
        }
        while (lines.Count == 0)
        {
            if (!_endOfStream)
            {
                if (_filled == _buffer.Length)
                {
                    // A line longer than the buffer: grow it.
                    var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    _buffer.AsSpan(0, _filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }
                var read = _stream.ReadAtLeast(_buffer.AsSpan(_filled), _buffer.Length - _filled, throwOnEndOfStream: false);
                _filled += read;
                BytesRead += read;
                _endOfStream = _filled < _buffer.Length;
            }
            CutLines(lines);
            if (lines.Count == 0 && _endOfStream && _consumed >= _filled)
            {
                buffer = _buffer;
                return false;
            }
        }
        buffer = _buffer;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CutLines(List<JsonlLine> lines)
    {
        var data = _buffer.AsSpan(0, _filled);
        while (_consumed < _filled)
        {
            var rest = data[_consumed..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && !_endOfStream)
            {
                return;
            }
            var length = newline < 0 ? rest.Length : newline;
            var start = _consumed;
            _consumed += newline < 0 ? rest.Length : newline + 1;
            _lineNumber++;
            if (length > 0 && rest[length - 1] == (byte)'\r')
            {
                length--;
            }
            if (!IsBlank(rest[..length]))
            {
                lines.Add(new JsonlLine(start, length, _lineNumber));
            }
        }
    }

    /// <summary>
    /// Parses one line: returns its id and writes its token hashes into <paramref name="tokens"/> (grown as needed).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal (string Id, int TokenCount) ParseLine(ReadOnlySpan<byte> line, long lineNumber, ref ulong[] tokens)
    {
        string? id = null;
        var tokenCount = -1;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Error(lineNumber, reader.TokenStartIndex, "expected a JSON object");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(_idField))
                {
                    reader.Read();
                    id = reader.TokenType switch
                    {
                        JsonTokenType.String => ReadId(ref reader, lineNumber),
                        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => throw Error(lineNumber, reader.TokenStartIndex, $"field '{IdField}' must be a string or a number, not {Describe(reader.TokenType)}"),
                    };
                }
                else if (reader.ValueTextEquals(_textField))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw Error(lineNumber, reader.TokenStartIndex, $"field '{TextField}' must be a string, not {Describe(reader.TokenType)}");
                    }
                    tokenCount = HashText(ref reader, ref tokens, lineNumber);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            var closing = reader.TokenStartIndex;
            // Anything after the object other than whitespace makes the reader throw here.
            while (reader.Read())
            {
            }
            if (id is null)
            {
                throw Error(lineNumber, closing, $"missing field '{IdField}'");
            }
            if (tokenCount < 0)
            {
                throw Error(lineNumber, closing, $"missing field '{TextField}'");
            }
            return (id, tokenCount);
        }
        catch (JsonException exception)
        {
            throw new CorpusFormatException(FileName, lineNumber, (exception.BytePositionInLine ?? 0) + 1, $"malformed JSON: {exception.Message}");
        }
    }

    private string ReadId(ref Utf8JsonReader reader, long lineNumber)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Error(lineNumber, reader.TokenStartIndex, $"field '{IdField}' is not valid UTF-8");
        }
    }

    private int HashText(ref Utf8JsonReader reader, ref ulong[] tokens, long lineNumber)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return TokenHasher.HashWords(reader.ValueSpan, ref tokens);
        }
        // Escaped text (\n, \u00e9…) is unescaped into a pooled buffer first.
        var rented = ArrayPool<byte>.Shared.Rent(reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(rented);
            return TokenHasher.HashWords(rented.AsSpan(0, length), ref tokens);
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\uDC00") is valid JSON but not text: unescaping it throws.
            throw Error(lineNumber, reader.TokenStartIndex, $"field '{TextField}' is not valid text (it escapes a lone surrogate)");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private CorpusFormatException Error(long line, long byteIndex, string reason) =>
        new(FileName, line, byteIndex + 1, reason);

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (!TokenHasher.IsWhitespace(b))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>One line of a JSONL batch: its bytes in the batch buffer and its 1-based line number.</summary>
internal readonly record struct JsonlLine(int Start, int Length, long Number);
