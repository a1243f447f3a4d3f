using System.Collections.Concurrent;
using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>Collects every latency by action and every failure by kind, from all simulated students at once.</summary>
/// <param name="timeline">Where every success also goes with its start time (<c>--timeline</c>); null keeps only the percentiles.</param>
public sealed class LoadRecorder(LoadTimeline? timeline = null)
{
    private readonly Dictionary<string, LatencySeries> _latencies = LoadActions.All.ToDictionary(a => a, _ => new LatencySeries(), StringComparer.Ordinal);
    private readonly Dictionary<string, LatencySeries> _steady = LoadActions.Steady.ToDictionary(a => a, _ => new LatencySeries(), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _classInAt;

    /// <summary>The <see cref="Stopwatch"/> timestamp at which every student had arrived (0: not yet).</summary>
    public long ClassInAt => Interlocked.Read(ref _classInAt);

    /// <summary>Marks the class as all in from <paramref name="at"/> (a <see cref="Stopwatch"/> timestamp); the first mark stays.</summary>
    public void ClassIn(long at) => Interlocked.CompareExchange(ref _classInAt, at, 0);

    /// <summary>
    /// Records the time since <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp) for <paramref name="action"/>,
    /// and apart in the steady series too when it started once the class was all in.
    /// </summary>
    public void Succeeded(string action, long startedAt, long endedAt)
    {
        var milliseconds = Stopwatch.GetElapsedTime(startedAt, endedAt).TotalMilliseconds;
        _latencies[action].Add(milliseconds);
        timeline?.Add(action, startedAt, milliseconds);
        var classIn = ClassInAt;
        if (classIn != 0 && startedAt >= classIn && _steady.TryGetValue(action, out var steady))
        {
            steady.Add(milliseconds);
        }
    }

    /// <summary>Counts one failure; <paramref name="kind"/> is short and stable (e.g. <c>run:LockRequired</c>, <c>lock:409</c>), never a whole message.</summary>
    public void Failed(string kind) => _errors.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    public long ErrorCount => _errors.Values.Sum();

    public int CountOf(string action) => _latencies[action].Count;

    public IReadOnlyDictionary<string, long> ErrorsByKind() => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LatencySummary> Summaries() =>
        LoadActions.All.ToDictionary(a => a, a => _latencies[a].Summarize(), StringComparer.Ordinal);

    /// <summary>Per <see cref="LoadActions.Steady"/> action, what started once the class was all in.</summary>
    public IReadOnlyDictionary<string, LatencySummary> SteadySummaries() =>
        LoadActions.Steady.ToDictionary(a => a, a => _steady[a].Summarize(), StringComparer.Ordinal);
}
