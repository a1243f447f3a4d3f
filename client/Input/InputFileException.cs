namespace DataSelection.Client.Input;

/// <summary>
/// A user's input file is malformed. Carries where, so the message reads like a compiler's:
/// <c>pool.csv:12:7: expected a number, found "abc"</c>.
/// </summary>
public sealed class InputFileException(string file, long line, long column, string reason)
    : Exception($"{file}:{line}:{column}: {reason}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public long Column { get; } = column;
    public string Reason { get; } = reason;
}
