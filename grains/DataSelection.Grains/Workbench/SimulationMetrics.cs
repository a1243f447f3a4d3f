using System.Diagnostics.Metrics;

namespace DataSelection.Grains.Workbench;

/// <summary>The silo's instruments on the lab's <c>DataSelection</c> meter (exported by the service defaults).</summary>
public static class SimulationMetrics
{
    private static readonly Meter Meter = new("DataSelection");

    /// <summary>How long the engine took to compute one simulation, tagged with <c>part</c>.</summary>
    public static Histogram<double> Duration { get; } =
        Meter.CreateHistogram<double>("dataselection.simulation.duration", "ms", "Time the engine spent on one simulation.");
}
