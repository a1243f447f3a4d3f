using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>
/// Waits, as an instructor sharing the code does, while the gateway's silo warms the cohort cache for the
/// new session (its <c>dataselection_warmup_pending</c> gauge on <c>/metrics</c>), so the class starts on
/// the server a lesson really meets. A server without the gauge (warm-up off, or a gateway in client mode)
/// is not waited for — once the gauge has stayed away for <see cref="AbsencePatience"/>: the exporter may
/// answer a scrape from just before the session was created (another scraper's, cached for a moment), which
/// does not have it yet.
/// </summary>
public static class ServerWarmup
{
    public const string PendingMetric = "dataselection_warmup_pending";

    /// <summary>The longest wait: past it the class starts anyway, and the report says how long it waited.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>How long the gauge must be missing before the server counts as one without a warm-up: longer than the exporter caches a scrape.</summary>
    public static readonly TimeSpan AbsencePatience = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Seconds waited until nothing was pending, or null when the server reports no warm-up.</summary>
    public static async Task<double?> WaitFor(HttpClient metrics, IProgress<double>? pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var started = Stopwatch.GetTimestamp();
        var seen = false;
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
            var waited = Stopwatch.GetElapsedTime(started);
            if (left is { } value)
            {
                seen = true;
                pending?.Report(value);
                if (value <= 0)
                {
                    return waited.TotalSeconds;
                }
            }
            else if (seen)
            {
                // It was there and is gone (a restart, or the meter dropped it): nothing is left to wait for.
                return waited.TotalSeconds;
            }
            else if (waited >= AbsencePatience)
            {
                return null;
            }
            if (waited > Patience)
            {
                return waited.TotalSeconds;
            }
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
