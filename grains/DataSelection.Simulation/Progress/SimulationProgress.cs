namespace DataSelection.Simulation.Progress;

/// <summary>
/// One progress report of a running simulation: which stage it is in, how far along (0–1), and,
/// where the stage produces one, a partial result (an ICR checkpoint, an active-learning round…)
/// that a page can draw before the run ends.
/// </summary>
/// <remarks>
/// Simulations report on their own thread, in order. Callers that need ordered delivery pass a
/// synchronous <see cref="IProgress{T}"/> (not <see cref="Progress{T}"/>, which posts to the thread pool).
/// </remarks>
public sealed record SimulationProgress<TPartial>(string Stage, double Fraction, TPartial? Partial = default);
