using System.Diagnostics;

namespace DataSelection.Grains.Telemetry;

/// <summary>
/// The silo's spans on the lab's <c>DataSelection</c> activity source (listened to by the service defaults):
/// the simulation a worker computes and the cohort-wide cache lookup before it. With no listener attached,
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and a run pays for nothing but that check.
/// </summary>
public static class SimulationTracing
{
    public const string SourceName = "DataSelection";

    public const string SimulateSpan = "simulation.run";
    public const string CacheLookupSpan = "simulation.cache.lookup";

    public const string PartTag = "dataselection.part";
    public const string TrackTag = "dataselection.track";
    public const string KindTag = "dataselection.simulation.kind";
    public const string CachedTag = "dataselection.cached";
    public const string QueuedTag = "dataselection.simulation.queued_ms";
    public const string HitTag = "dataselection.cache.hit";

    /// <summary>The run's id (as in the Ledger and the run's answer), to find one run's trace; spans only, never a metric tag.</summary>
    public const string RunIdTag = "dataselection.run.id";

    public static ActivitySource Source { get; } = new(SourceName);
}
