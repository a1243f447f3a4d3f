using System.Globalization;
using System.Text;

namespace DataSelection.Testing;

/// <summary>
/// The figures docs/SECURITY.md reports, counted by the tests that produce them: each call appends
/// one line <c>figure count area</c> to this process's file under <c>artifacts/security-figures</c>
/// (or <c>DATASELECTION_FIGURES_DIR</c>), and <c>scripts/security-figures.sh</c> sums them.
/// </summary>
public static class SecurityFigures
{
    /// <summary>Route (or hub method) × actor pairs whose allow/deny was checked.</summary>
    public const string RoutesActorsChecked = "routes_actors_checked";

    /// <summary>Generated or malformed inputs sent to the API, the hubs or the CLI.</summary>
    public const string FuzzCases = "fuzz_cases";

    /// <summary>Faults injected (storage failures and timeouts, throwing workers, cancellations, disconnects).</summary>
    public const string FaultsInjected = "faults_injected";

    /// <summary>5xx responses (or unhandled hub errors) seen while attacking; must be 0.</summary>
    public const string ServerErrors = "server_errors";

    /// <summary>Writes that were acknowledged and later missing; must be 0.</summary>
    public const string AcknowledgedWritesLost = "acknowledged_writes_lost";

    private static readonly Lock Gate = new();
    private static readonly string File = Path.Combine(Directory(), $"figures-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");

    public static void Record(string figure, long count, string area)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(figure);
        ArgumentException.ThrowIfNullOrWhiteSpace(area);
        var line = string.Create(CultureInfo.InvariantCulture, $"{figure} {count} {area.Replace(' ', '_')}\n");
        lock (Gate)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            System.IO.File.AppendAllText(File, line, new UTF8Encoding(false));
        }
    }

    private static string Directory()
    {
        if (Environment.GetEnvironmentVariable("DATASELECTION_FIGURES_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "DataSelection.sln")))
            {
                return Path.Combine(directory.FullName, "artifacts", "security-figures");
            }
        }
        return Path.Combine(Path.GetTempPath(), "dataselection-security-figures");
    }
}
