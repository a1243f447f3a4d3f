using System.Collections.Concurrent;
using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>Collects the latency of every request by action, and the errors by kind.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);

    /// <summary>Times <paramref name="request"/>; a failed one counts as an error of its kind and is rethrown.</summary>
    public async Task<T> Time<T>(string action, Func<Task<T>> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await request().ConfigureAwait(false);
            _latencies.GetOrAdd(action, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception e)
        {
            _errors.AddOrUpdate($"{action}: {e.Message}", 1, (_, n) => n + 1);
            throw;
        }
    }

    public int ErrorCount => _errors.Values.Sum();

    public IReadOnlyDictionary<string, int> Errors => new SortedDictionary<string, int>(_errors, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LatencySummary> Summaries() =>
        new SortedDictionary<string, LatencySummary>(
            _latencies.ToDictionary(p => p.Key, p => LatencySummary.Of([.. p.Value])),
            StringComparer.Ordinal);
}

/// <summary>Nearest-rank percentiles of one action's latencies, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(double[] milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        Array.Sort(milliseconds);
        double Percentile(double p) => milliseconds.Length == 0 ? 0 : milliseconds[Math.Max(0, (int)Math.Ceiling(p * milliseconds.Length) - 1)];
        return new LatencySummary(milliseconds.Length, Percentile(0.50), Percentile(0.95), Percentile(0.99), milliseconds.Length == 0 ? 0 : milliseconds[^1]);
    }
}
