using DataSelection.Simulation.Costs;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// What MinHash/LSH indexing of <see cref="Bytes"/> of text costs on CPUs, extrapolated from a measured
/// throughput: core-hours = bytes / (bytes per core-second) / 3600, dollars at the track's core-hour price.
/// </summary>
/// <param name="BytesPerCoreSecond">Measured bytes per second divided by the threads that achieved it (assumes linear scaling).</param>
public sealed record IndexingCost(double Bytes, double BytesPerCoreSecond, double CoreHours, double Dollars)
{
    public static IndexingCost For(double bytes, DedupThroughput throughput, ComputePrices prices)
    {
        ArgumentNullException.ThrowIfNull(throughput);
        return For(bytes, throughput.BytesPerSecond / throughput.Threads, prices);
    }

    public static IndexingCost For(double bytes, double bytesPerCoreSecond, ComputePrices prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerCoreSecond);
        var coreHours = bytes / bytesPerCoreSecond / 3600.0;
        return new IndexingCost(bytes, bytesPerCoreSecond, coreHours, prices.CpuCostFor(coreHours));
    }
}
