namespace DataSelection.Contracts.Workbench;

/// <summary>
/// Fills the cohort cache ahead of the class (key 0): every track's workbench defaults and the first
/// slider steps around them, computed in the silos' background lane, so the moves a whole class makes
/// first are answered from the cache instead of queueing fresh simulations at the start of a lesson.
/// </summary>
public interface ICohortWarmupGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Starts warming (one warm-up at a time; a call during one is absorbed by it) and returns as soon as it
    /// has started, so the silo's <c>dataselection.warmup.pending</c> gauge already counts it.
    /// </summary>
    Task Warm();

    /// <summary>How many settings the last warm-up found cached or computed, and how many it has left to do.</summary>
    Task<WarmupProgress> GetProgress();
}

/// <summary>A warm-up's progress: settings done and settings in all (0 of 0 before the first).</summary>
[GenerateSerializer, Immutable, Alias("ds.WarmupProgress")]
public sealed record WarmupProgress([property: Id(0)] int Done, [property: Id(1)] int Total, [property: Id(2)] int Failed);
