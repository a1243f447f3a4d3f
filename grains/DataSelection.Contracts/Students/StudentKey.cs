namespace DataSelection.Contracts.Students;

/// <summary>How student and workbench grains are keyed: session code, student id and part, joined by '/'.</summary>
public static class StudentKey
{
    public static string For(string sessionCode, string studentId) => $"{sessionCode}/{studentId}";

    public static string ForWorkbench(string sessionCode, string studentId, int part) => $"{sessionCode}/{studentId}/{part}";

    /// <summary>The key of page <paramref name="index"/> (from 0) of a student's sealed Ledger.</summary>
    public static string ForLedgerPage(string studentKey, int index) => FormattableString.Invariant($"{studentKey}/ledger/{index}");

    /// <summary>Splits a student grain key into its session code and student id.</summary>
    public static (string SessionCode, string StudentId) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? throw new FormatException($"'{key}' is not a student key.") : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>Splits a workbench grain key into its student key and part.</summary>
    public static (string StudentKey, int Part) ParseWorkbench(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        return slash < 0 || !int.TryParse(key.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out var part)
            ? throw new FormatException($"'{key}' is not a workbench key.")
            : (key[..slash], part);
    }
}
