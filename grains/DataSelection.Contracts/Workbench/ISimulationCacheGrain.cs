namespace DataSelection.Contracts.Workbench;

/// <summary>
/// The cohort-wide result cache, one grain per <see cref="SimulationRequest.CacheKey"/>: 500
/// students on the same slider setting cost one computation, and all see the same answer —
/// including students who ask while it is still being computed, who wait for that computation
/// rather than start their own.
/// </summary>
public interface ISimulationCacheGrain : IGrainWithStringKey
{
    /// <summary>What the cache holds for this setting, without computing anything (null: nothing yet).</summary>
    Task<SimulationOutcome?> Lookup();

    /// <summary>
    /// The cached outcome, or the one computed now (progress pushed along <paramref name="route"/> when
    /// this caller starts the computation). A student's run (a route) may be refused as busy; a read
    /// with no route (a recorded run's result, asked for again) waits for a slot however long it takes.
    /// Cancelling stops the computation only when every caller waiting for it has cancelled.
    /// </summary>
    Task<CachedOutcome> GetOrCompute(SimulationRequest request, RunRoute? route, CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes the outcome ahead of any student, in the silo's background lane (only while no student's
    /// simulation waits), unless it is cached or being computed; returns once it is cached. A student who asks
    /// meanwhile joins this computation.
    /// </summary>
    Task Warm(SimulationRequest request);
}

/// <summary>An outcome and whether it was already computed when asked for.</summary>
[GenerateSerializer, Immutable]
public sealed record CachedOutcome([property: Id(0)] SimulationOutcome Outcome, [property: Id(1)] bool FromCache);
