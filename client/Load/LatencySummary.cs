namespace DataSelection.Client.Load;

/// <summary>Nearest-rank percentiles of one action's latencies, in milliseconds (all zero when nothing was measured).</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Max, int Count)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Sorts <paramref name="milliseconds"/> in place and reads the percentiles from it.</summary>
    public static LatencySummary Of(double[] milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Length == 0)
        {
            return Empty;
        }
        Array.Sort(milliseconds);
        return new LatencySummary(
            NearestRank(milliseconds, 0.50),
            NearestRank(milliseconds, 0.95),
            NearestRank(milliseconds, 0.99),
            milliseconds[^1],
            milliseconds.Length);
    }

    /// <summary>The smallest value with at least a share <paramref name="p"/> of the values at or below it (nearest-rank definition).</summary>
    public static double NearestRank(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Length);
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
