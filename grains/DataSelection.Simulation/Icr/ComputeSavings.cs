namespace DataSelection.Simulation.Icr;

/// <summary>What training on the deduplicated stream saves over the raw stream, in the track's units.</summary>
/// <param name="Flops">Training FLOPs not spent.</param>
/// <param name="Fraction">Saved FLOPs over raw FLOPs (equals the removed share of tokens).</param>
/// <param name="GpuHours">Accelerator-hours not spent at R_peak·η_hw.</param>
/// <param name="Dollars">Their price.</param>
public sealed record ComputeSavings(double Flops, double Fraction, double GpuHours, double Dollars);
