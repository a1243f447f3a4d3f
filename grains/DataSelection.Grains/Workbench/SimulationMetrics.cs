using System.Diagnostics.Metrics;
using DataSelection.Grains.Telemetry;

namespace DataSelection.Grains.Workbench;

/// <summary>The silo's instruments on the lab's <c>DataSelection</c> meter (exported by the service defaults).</summary>
public static class SimulationMetrics
{
    private static readonly Meter Meter = new("DataSelection");

    private static readonly KeyValuePair<string, object?> Hit = new("hit", true);
    private static readonly KeyValuePair<string, object?> Miss = new("hit", false);

    /// <summary>How long the engine took to compute one simulation, tagged with <c>part</c> (queueing for a core not included).</summary>
    public static Histogram<double> Duration { get; } =
        Meter.CreateHistogram<double>("dataselection.simulation.duration", "ms", "Time the engine spent on one simulation.");

    /// <summary>
    /// Lookups in the cohort-wide result cache, tagged with <c>hit</c> (true/false): the hit ratio is
    /// <c>hits ÷ lookups</c>. Counted where the cache answers, so every gateway's runs are in it.
    /// </summary>
    public static Counter<long> CacheLookups { get; } =
        Meter.CreateCounter<long>("dataselection.cache.lookups", "{lookup}", "Cohort-wide simulation cache lookups.");

    /// <summary>Counts one lookup in the cohort cache and marks it in the trace, wherever the cache answers.</summary>
    public static void LookedUp(bool hit)
    {
        CacheLookups.Add(1, hit ? Hit : Miss);
        using var activity = SimulationTracing.Source.StartActivity(SimulationTracing.CacheLookupSpan);
        activity?.SetTag(SimulationTracing.HitTag, hit);
    }

    /// <summary>
    /// Runs that found their setting being computed for another student and waited for that one
    /// computation instead of starting their own: the simulations the cohort cache saved while cold.
    /// </summary>
    public static Counter<long> CacheJoins { get; } =
        Meter.CreateCounter<long>("dataselection.cache.joins", "{run}", "Runs that joined a simulation already being computed.");
}
