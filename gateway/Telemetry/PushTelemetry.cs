using DataSelection.ServiceDefaults;

namespace DataSelection.Gateway.Telemetry;

/// <summary>Push lag: from the grain raising a push to this gateway handing it to SignalR.</summary>
public static class PushTelemetry
{
    /// <summary>The <c>kind</c> tag of dashboard snapshots (student events carry their own kind).</summary>
    public const string DashboardKind = "dashboard";

    public static void Sending(string kind, DateTimeOffset raisedAt)
    {
        // Events from a grain that does not stamp them carry no time: no lag to tell.
        if (raisedAt == default || !LabMetrics.PushLag.Enabled)
        {
            return;
        }
        var lag = Math.Max(0, (DateTimeOffset.UtcNow - raisedAt).TotalMilliseconds);
        LabMetrics.PushLag.Record(lag, new KeyValuePair<string, object?>("kind", kind));
    }
}
