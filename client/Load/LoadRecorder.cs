using System.Collections.Concurrent;
using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>Collects every latency by action and every failure by kind, from all simulated students at once.</summary>
public sealed class LoadRecorder
{
    private readonly Dictionary<string, LatencySeries> _latencies = LoadActions.All.ToDictionary(a => a, _ => new LatencySeries(), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);

    /// <summary>Records the time since <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp) for <paramref name="action"/>.</summary>
    public void Succeeded(string action, long startedAt, long endedAt) =>
        _latencies[action].Add(Stopwatch.GetElapsedTime(startedAt, endedAt).TotalMilliseconds);

    /// <summary>Counts one failure; <paramref name="kind"/> is short and stable (e.g. <c>run:LockRequired</c>, <c>lock:409</c>), never a whole message.</summary>
    public void Failed(string kind) => _errors.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    public long ErrorCount => _errors.Values.Sum();

    public int CountOf(string action) => _latencies[action].Count;

    public IReadOnlyDictionary<string, long> ErrorsByKind() => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LatencySummary> Summaries() =>
        LoadActions.All.ToDictionary(a => a, a => _latencies[a].Summarize(), StringComparer.Ordinal);
}
