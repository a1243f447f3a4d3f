using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// The simulation queue's gauges on the lab's <c>DataSelection</c> meter: how many simulations wait
/// for a slot and how many compute, summed over the silos of this process (one, outside tests).
/// </summary>
public static class SimulationQueueMetrics
{
    private static readonly Meter Meter = new("DataSelection");
    private static readonly ConcurrentDictionary<SimulationThrottle, byte> Throttles = new();

    /// <summary>Simulations waiting for a slot; near the bound, runs start being refused as busy.</summary>
    public static ObservableGauge<int> Queued { get; } = Meter.CreateObservableGauge(
        "dataselection.simulation.queued", () => Throttles.Keys.Sum(t => t.Queued), "{simulation}", "Simulations waiting for a slot on this silo.");

    /// <summary>Simulations computing now (at most one per slot).</summary>
    public static ObservableGauge<int> Running { get; } = Meter.CreateObservableGauge(
        "dataselection.simulation.running", () => Throttles.Keys.Sum(t => t.Running), "{simulation}", "Simulations computing on this silo.");

    /// <summary>Simulations computed at the serving threads' priority because students were already waiting on them.</summary>
    public static Counter<long> Urgent { get; } = Meter.CreateCounter<long>(
        "dataselection.simulation.urgent", "{simulation}", "Simulations computed at the serving threads' priority: they had waited for a slot, or others waited behind them.");

    internal static void Track(SimulationThrottle throttle) => Throttles.TryAdd(throttle, 0);

    internal static void Untrack(SimulationThrottle throttle) => Throttles.TryRemove(throttle, out _);
}
