namespace DataSelection.Simulation.LinearAlgebra;

/// <summary>Eigenvalues and orthonormal eigenvectors (the columns of <see cref="Vectors"/>) of a symmetric matrix.</summary>
internal sealed record SymmetricEigendecomposition(double[] Values, double[,] Vectors);

/// <summary>
/// Cyclic Jacobi eigendecomposition of a symmetric matrix (Jacobi 1846; Golub &amp; Van Loan §8.5):
/// sweeps of plane rotations that zero one off-diagonal entry at a time. Slow for big matrices but
/// unconditionally stable and accurate to round-off, which is what a covariance of a few dozen
/// features needs.
/// </summary>
internal static class SymmetricEigensolver
{
    // Stop when the off-diagonal mass is below this fraction of the matrix's Frobenius norm: at
    // 1e-15 the remaining rotations would only move entries by round-off.
    private const double RelativeOffDiagonalTolerance = 1e-15;

    // Jacobi converges quadratically once entries are small; real inputs need under 10 sweeps, so
    // this cap only stops pathological inputs from spinning.
    private const int MaxSweeps = 64;

    // Beyond this |θ| the rotation angle is tan φ ≈ 1/(2θ); computing θ² would overflow.
    private const double LargeTheta = 1e150;

    public static SymmetricEigendecomposition Decompose(double[,] symmetric)
    {
        var n = symmetric.GetLength(0);
        if (symmetric.GetLength(1) != n)
        {
            throw new ArgumentException("The matrix must be square.", nameof(symmetric));
        }
        var a = (double[,])symmetric.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1.0;
        }

        var frobeniusSquared = 0.0;
        foreach (var x in a)
        {
            frobeniusSquared += x * x;
        }
        var stopAt = RelativeOffDiagonalTolerance * RelativeOffDiagonalTolerance * frobeniusSquared;

        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var offDiagonal = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    offDiagonal += 2 * a[p, q] * a[p, q];
                }
            }
            if (offDiagonal <= stopAt)
            {
                break;
            }
            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (a[p, q] != 0.0)
                    {
                        Rotate(a, v, p, q);
                    }
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }
        return new SymmetricEigendecomposition(values, v);
    }

    /// <summary>Applies the rotation in the (p, q) plane that zeroes a[p, q] (Numerical Recipes §11.1 form).</summary>
    private static void Rotate(double[,] a, double[,] v, int p, int q)
    {
        var n = a.GetLength(0);
        var apq = a[p, q];
        var theta = (a[q, q] - a[p, p]) / (2 * apq);
        var t = Math.Abs(theta) > LargeTheta
            ? 1.0 / (2 * theta)
            : Math.Sign(theta == 0 ? 1.0 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        var c = 1.0 / Math.Sqrt(t * t + 1);
        var s = t * c;

        a[p, p] -= t * apq;
        a[q, q] += t * apq;
        a[p, q] = 0.0;
        a[q, p] = 0.0;
        for (var k = 0; k < n; k++)
        {
            if (k != p && k != q)
            {
                var akp = a[k, p];
                var akq = a[k, q];
                a[k, p] = a[p, k] = c * akp - s * akq;
                a[k, q] = a[q, k] = s * akp + c * akq;
            }
            var vkp = v[k, p];
            var vkq = v[k, q];
            v[k, p] = c * vkp - s * vkq;
            v[k, q] = s * vkp + c * vkq;
        }
    }
}
