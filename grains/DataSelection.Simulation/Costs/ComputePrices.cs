namespace DataSelection.Simulation.Costs;

/// <summary>
/// What compute costs on a track: the accelerator its model trains on and the CPUs that index data.
/// </summary>
/// <param name="GpuHourUsd">Price of one accelerator-hour.</param>
/// <param name="GpuPeakFlops">Peak dense FLOP/s of one accelerator (R_peak in the Iron Law).</param>
/// <param name="GpuUtilization">Achieved fraction of peak (η_hw in the Iron Law; model FLOPs utilisation).</param>
/// <param name="CpuCoreHourUsd">Price of one CPU core-hour (indexing, MinHash, scoring on CPU).</param>
public sealed record ComputePrices(
    double GpuHourUsd,
    double GpuPeakFlops,
    double GpuUtilization,
    double CpuCoreHourUsd)
{
    /// <summary>Accelerator-hours needed for <paramref name="flops"/> at the achieved rate R_peak·η_hw.</summary>
    public double GpuHoursFor(double flops) => flops / (GpuPeakFlops * GpuUtilization) / 3600.0;

    /// <summary>Dollars for <paramref name="flops"/> of training.</summary>
    public double GpuCostFor(double flops) => GpuHoursFor(flops) * GpuHourUsd;

    /// <summary>Dollars for <paramref name="coreHours"/> of CPU work.</summary>
    public double CpuCostFor(double coreHours) => coreHours * CpuCoreHourUsd;
}
