using System.Diagnostics.Metrics;

namespace DataSelection.Grains.Warmup;

/// <summary>The cohort warm-up's gauge on the lab's <c>DataSelection</c> meter: settings it has yet to warm on this silo.</summary>
public static class WarmupMetrics
{
    private static readonly Meter Meter = new("DataSelection");
    private static int _pending;

    /// <summary>0 when no warm-up runs; a class that starts now finds the rest of the neighbourhood cold.</summary>
    public static ObservableGauge<int> Pending { get; } = Meter.CreateObservableGauge(
        "dataselection.warmup.pending", () => Volatile.Read(ref _pending), "{setting}", "Settings the cohort warm-up has yet to compute or find cached.");

    internal static void Add(int settings) => Interlocked.Add(ref _pending, settings);
}
