namespace DataSelection.Simulation.Icr;

/// <summary>The newest point of both runs, reported as a partial result while the ICR curve is measured.</summary>
/// <param name="Index">0 for the untrained models, then 1…IcrCheckpoints.</param>
public sealed record IcrCheckpoint(int Index, IcrPoint Raw, IcrPoint Deduplicated);
