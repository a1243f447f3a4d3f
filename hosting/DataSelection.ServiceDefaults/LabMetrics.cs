using System.Diagnostics.Metrics;

namespace DataSelection.ServiceDefaults;

/// <summary>
/// The lab's own instruments on the <c>DataSelection</c> meter, exported beside the Orleans and
/// ASP.NET Core metrics: runs, cache hits, joins and connected students. The silo's own instruments
/// (simulation time) are on the same meter, in <c>DataSelection.Grains.Workbench.SimulationMetrics</c>.
/// </summary>
public static class LabMetrics
{
    public const string MeterName = "DataSelection";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Workbench runs completed, tagged with <c>part</c> and <c>cached</c>.</summary>
    public static Counter<long> Runs { get; } = Meter.CreateCounter<long>("dataselection.runs", "{run}", "Workbench runs completed.");

    /// <summary>Lookups in the cohort-wide result cache, tagged with <c>hit</c> (true/false).</summary>
    public static Counter<long> CacheLookups { get; } =
        Meter.CreateCounter<long>("dataselection.cache.lookups", "{lookup}", "Cohort-wide simulation cache lookups.");

    /// <summary>Students with a live connection to this gateway.</summary>
    public static UpDownCounter<long> ConnectedStudents { get; } =
        Meter.CreateUpDownCounter<long>("dataselection.students.connected", "{student}", "Student connections held by this gateway.");

    /// <summary>Students joined through this gateway.</summary>
    public static Counter<long> Joins { get; } = Meter.CreateCounter<long>("dataselection.joins", "{student}", "Students joined.");
}
