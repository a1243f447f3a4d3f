namespace DataSelection.Simulation.LinearAlgebra;

/// <summary>
/// The mean vector and covariance matrix of a set of feature vectors: the two numbers a Gaussian
/// summary (and so FID) needs.
/// </summary>
public sealed record FeatureMoments(double[] Mean, double[,] Covariance)
{
    public int Dimensions => Mean.Length;

    /// <summary>
    /// Sample mean and unbiased sample covariance (divisor n − 1) of <paramref name="rows"/>
    /// (rows × features; at least two rows, all of the same length, all values finite).
    /// </summary>
    public static FeatureMoments FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2)
        {
            throw new ArgumentException("A covariance needs at least two rows.", nameof(rows));
        }
        var d = rows[0].Length;
        if (d < 1)
        {
            throw new ArgumentException("Rows need at least one feature.", nameof(rows));
        }
        var mean = new double[d];
        foreach (var row in rows)
        {
            if (row.Length != d)
            {
                throw new ArgumentException("All rows must have the same number of features.", nameof(rows));
            }
            for (var j = 0; j < d; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw new ArgumentException("Feature values must be finite.", nameof(rows));
                }
                mean[j] += row[j];
            }
        }
        for (var j = 0; j < d; j++)
        {
            mean[j] /= rows.Count;
        }

        // Centred two-pass sums: far less cancellation than Σx² − n·x̄².
        var covariance = new double[d, d];
        var centred = new double[d];
        foreach (var row in rows)
        {
            for (var j = 0; j < d; j++)
            {
                centred[j] = row[j] - mean[j];
            }
            for (var i = 0; i < d; i++)
            {
                for (var j = i; j < d; j++)
                {
                    covariance[i, j] += centred[i] * centred[j];
                }
            }
        }
        var divisor = rows.Count - 1.0;
        for (var i = 0; i < d; i++)
        {
            for (var j = i; j < d; j++)
            {
                covariance[i, j] /= divisor;
                covariance[j, i] = covariance[i, j];
            }
        }
        return new FeatureMoments(mean, covariance);
    }
}
