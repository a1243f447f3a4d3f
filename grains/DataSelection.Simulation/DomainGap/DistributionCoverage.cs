using DataSelection.Simulation.LinearAlgebra;

namespace DataSelection.Simulation.DomainGap;

/// <summary>
/// How much of one distribution another covers: the share of target rows that fall inside the
/// reference set's own central 95% Mahalanobis ellipsoid. The radius is the reference rows' own 95th
/// percentile of squared Mahalanobis distance, so no Gaussian or χ² assumption enters.
/// </summary>
internal sealed class DistributionCoverage
{
    // The ellipsoid holds this share of the reference set itself.
    private const double CoveredShare = 0.95;

    // Directions whose variance is below this fraction of the largest count as infinitely narrow
    // (round-off level for doubles) rather than dividing by zero.
    private const double RelativeVarianceFloor = 1e-12;

    private readonly double[] _mean;
    private readonly double[,] _inversePrecision;
    private readonly double _radiusSquared;

    public DistributionCoverage(IReadOnlyList<double[]> reference)
    {
        var moments = FeatureMoments.FromRows(reference);
        _mean = moments.Mean;
        var eigen = SymmetricEigensolver.Decompose(moments.Covariance);
        var largest = eigen.Values.Max();
        var floor = Math.Max(largest, double.Epsilon) * RelativeVarianceFloor;
        _inversePrecision = SymmetricMatrix.Apply(eigen, lambda => 1.0 / Math.Max(lambda, floor));
        var distances = reference.Select(DistanceSquared).Order().ToArray();
        _radiusSquared = distances[(int)Math.Ceiling(CoveredShare * distances.Length) - 1];
    }

    /// <summary>Share of <paramref name="rows"/> inside the reference ellipsoid (0 for no rows).</summary>
    public double ShareCovered(IEnumerable<double[]> rows)
    {
        int inside = 0, total = 0;
        foreach (var row in rows)
        {
            total++;
            if (DistanceSquared(row) <= _radiusSquared)
            {
                inside++;
            }
        }
        return total == 0 ? 0.0 : (double)inside / total;
    }

    private double DistanceSquared(double[] row)
    {
        var d = _mean.Length;
        Span<double> centred = stackalloc double[d];
        for (var j = 0; j < d; j++)
        {
            centred[j] = row[j] - _mean[j];
        }
        var sum = 0.0;
        for (var i = 0; i < d; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < d; j++)
            {
                inner += _inversePrecision[i, j] * centred[j];
            }
            sum += centred[i] * inner;
        }
        return sum;
    }
}
