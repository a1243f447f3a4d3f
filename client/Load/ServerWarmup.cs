using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>
/// Waits, as an instructor sharing the code does, while the gateway's silo warms the cohort cache for the
/// new session (its <c>dataselection_warmup_pending</c> gauge on <c>/metrics</c>), so the class starts on
/// the server a lesson really meets. A server without the gauge (warm-up off, or a gateway in client mode)
/// is not waited for.
/// </summary>
public static class ServerWarmup
{
    public const string PendingMetric = "dataselection_warmup_pending";

    /// <summary>The longest wait: past it the class starts anyway, and the report says how long it waited.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Seconds waited until nothing was pending, or null when the server reports no warm-up.</summary>
    public static async Task<double?> WaitFor(HttpClient metrics, IProgress<double>? pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var started = Stopwatch.GetTimestamp();
        var first = true;
        while (true)
        {
            double? left;
            try
            {
                left = PrometheusText.Sum(await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false), PendingMetric);
            }
            catch (HttpRequestException)
            {
                left = null;
            }
            if (left is null)
            {
                return first ? null : Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
            first = false;
            pending?.Report(left.Value);
            if (left.Value <= 0 || Stopwatch.GetElapsedTime(started) > Patience)
            {
                return Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
