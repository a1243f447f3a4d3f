using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;

namespace DataSelection.Gateway.Api;

/// <summary>The whole class for grading: every student's state and Ledger, as CSV (one row per student) or JSON.</summary>
public sealed class SessionExport
{
    /// <summary>How many student grains are asked at once while collecting a big class.</summary>
    private const int Parallelism = 32;

    private SessionExport(SessionInfo session, IReadOnlyList<(StudentView View, Ledger Ledger)> students)
    {
        Session = session;
        Students = students;
    }

    public SessionInfo Session { get; }

    public IReadOnlyList<(StudentView View, Ledger Ledger)> Students { get; }

    public static async Task<SessionExport> Collect(IGrainFactory grains, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var session = grains.GetGrain<ISessionGrain>(code);
        var info = await session.GetInfo().ConfigureAwait(false);
        var ids = await session.GetStudentIds().ConfigureAwait(false);
        var collected = new ConcurrentDictionary<int, (StudentView, Ledger)>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (index, _) =>
            {
                var student = grains.GetGrain<IStudentGrain>(StudentKey.For(code, ids[index]));
                var view = student.GetView();
                var ledger = student.GetLedger();
                collected[index] = (await view.ConfigureAwait(false), await ledger.ConfigureAwait(false));
            }).ConfigureAwait(false);
        return new SessionExport(info, [.. Enumerable.Range(0, ids.Length).Select(i => collected[i])]);
    }

    public object ToJson() => new
    {
        Session,
        Students = Students.Select(s => new
        {
            s.View.Identity,
            s.View.Parts,
            Ledger = StudentActions.ToResponse(s.Ledger).Entries,
        }),
    };

    public string ToCsv()
    {
        var text = new StringBuilder();
        var header = new List<string> { "session", "studentId", "name", "track", "joinedAt" };
        foreach (var part in Enumerable.Range(1, Contracts.Lab.LabCatalog.PartCount))
        {
            header.AddRange([$"part{part}Status", $"part{part}Prediction", $"part{part}LockedAt", $"part{part}Runs",
                $"part{part}LatestOutcome", $"part{part}LockScore", $"part{part}Reflection"]);
        }
        header.AddRange(["kneeValue", "kneeMeasured", "kneeScore"]);
        AppendRow(text, header);
        foreach (var (view, _) in Students)
        {
            var identity = view.Identity;
            var row = new List<string> { identity.SessionCode, identity.StudentId, Text(identity.Name), identity.Track, Time(identity.JoinedAt) };
            foreach (var part in view.Parts.OrderBy(p => p.Part))
            {
                row.AddRange([part.Status, Text(part.Lock?.Prediction.ToString()), Time(part.Lock?.At), Number(part.Runs),
                    Number(part.LatestRun?.Summary.Outcome), Number(part.Score?.Score), Text(part.Reflection?.Text)]);
            }
            var knee = view.Parts.FirstOrDefault(p => p.Knee is not null)?.Knee;
            row.AddRange([Number(knee?.Value), Number(knee?.MeasuredKnee), Number(knee?.Score)]);
            AppendRow(text, row);
        }
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IEnumerable<string> cells) =>
        text.AppendJoin(',', cells.Select(Quote)).Append("\r\n");

    // RFC 4180: quote cells holding separators, quotes or line breaks.
    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;

    /// <summary>Student-written text; a leading formula character (OWASP's list, tab and carriage return included) is defused so spreadsheets show it instead of running it.</summary>
    private static string Text(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Time(DateTimeOffset? value) => value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
