namespace DataSelection.Simulation.Dedup;

/// <summary>A JSONL corpus line that cannot be read: where (1-based line and byte column) and why.</summary>
public sealed class CorpusFormatException : Exception
{
    public CorpusFormatException(string file, long line, long column, string reason)
        : base($"{file}:{line}:{column}: {reason}")
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public CorpusFormatException()
        : this("<input>", 0, 0, "malformed corpus")
    {
    }

    public CorpusFormatException(string message)
        : this("<input>", 0, 0, message)
    {
    }

    public CorpusFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "<input>";
        Reason = message;
    }

    public string File { get; }

    public long Line { get; }

    public long Column { get; }

    public string Reason { get; }
}
