using DataSelection.Simulation.Costs;
using DataSelection.Simulation.Dedup;

namespace DataSelection.Simulation.Icr;

/// <summary>
/// The Iron Law of a training run (the book): T = D_vol/BW + O/(R_peak·η_hw) + L_lat. Data
/// selection shrinks O (and D_vol); halving O saves exactly what doubling R_peak would.
/// </summary>
/// <param name="DataBytes">D_vol: bytes the run reads.</param>
/// <param name="BandwidthBytesPerSecond">BW: storage bandwidth feeding the run.</param>
/// <param name="Operations">O: training FLOPs.</param>
/// <param name="PeakFlops">R_peak: peak FLOP/s of all accelerators of the run together.</param>
/// <param name="Utilization">η_hw: achieved fraction of peak.</param>
/// <param name="LatencySeconds">L_lat: fixed latency of the run (launch, checkpoint restore).</param>
public sealed record IronLaw(
    double DataBytes,
    double BandwidthBytesPerSecond,
    double Operations,
    double PeakFlops,
    double Utilization,
    double LatencySeconds)
{
    /// <summary>The Iron Law for training <paramref name="flops"/> on <paramref name="dataBytes"/> with the track's cluster.</summary>
    public static IronLaw ForTraining(DedupScenario scenario, ComputePrices prices, double flops, double dataBytes)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scenario.StorageBandwidthBytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scenario.TrainingAccelerators);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prices.GpuPeakFlops);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prices.GpuUtilization);
        return new IronLaw(
            dataBytes,
            scenario.StorageBandwidthBytesPerSecond,
            flops,
            prices.GpuPeakFlops * scenario.TrainingAccelerators,
            prices.GpuUtilization,
            scenario.RunLatencySeconds);
    }

    /// <summary>D_vol/BW: time to move the data.</summary>
    public double DataSeconds => DataBytes / BandwidthBytesPerSecond;

    /// <summary>O/(R_peak·η_hw): time to compute.</summary>
    public double ComputeSeconds => Operations / (PeakFlops * Utilization);

    // The Iron Law (the book): T = D_vol/BW + O/(R_peak·η_hw) + L_lat.
    public double TotalSeconds => DataSeconds + ComputeSeconds + LatencySeconds;
}
