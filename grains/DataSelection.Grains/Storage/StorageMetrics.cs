using System.Diagnostics.Metrics;

namespace DataSelection.Grains.Storage;

/// <summary>
/// The grain state database's instruments on the lab's <c>DataSelection</c> meter. Every lock, run
/// and reflection waits for its commit before the student sees it, so a slow commit shows up
/// directly in what students wait for.
/// </summary>
public static class StorageMetrics
{
    private static readonly Meter Meter = new("DataSelection");

    /// <summary>How long one group commit took on the writer: the writes, the fsync, and any checkpoint that fell into it.</summary>
    public static Histogram<double> CommitDuration { get; } =
        Meter.CreateHistogram<double>("dataselection.storage.commit.duration", "ms", "Time one group commit of grain states took.");

    /// <summary>Grain state writes that shared one commit (and its fsync).</summary>
    public static Histogram<int> WritesPerCommit { get; } =
        Meter.CreateHistogram<int>("dataselection.storage.commit.writes", "{write}", "Grain state writes that went into one commit.");
}
