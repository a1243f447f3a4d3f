namespace DataSelection.Simulation.ActiveLearning;

/// <summary>Solves H·x = b for a symmetric positive-definite H by Cholesky factorisation (the Newton step).</summary>
internal static class CholeskySolver
{
    /// <summary>
    /// Overwrites the lower triangle of the row-major <paramref name="matrix"/> (n × n) with its
    /// Cholesky factor and <paramref name="rhs"/> with the solution. Returns false if the matrix is
    /// not numerically positive definite.
    /// </summary>
    public static bool TrySolveInPlace(Span<double> matrix, int n, Span<double> rhs)
    {
        for (var j = 0; j < n; j++)
        {
            var rowJ = matrix.Slice(j * n, n);
            var diagonal = rowJ[j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= rowJ[k] * rowJ[k];
            }
            if (!(diagonal > 0.0))
            {
                return false;
            }
            var pivot = Math.Sqrt(diagonal);
            rowJ[j] = pivot;
            for (var i = j + 1; i < n; i++)
            {
                var rowI = matrix.Slice(i * n, n);
                var sum = rowI[j];
                for (var k = 0; k < j; k++)
                {
                    sum -= rowI[k] * rowJ[k];
                }
                rowI[j] = sum / pivot;
            }
        }
        // Forward substitution L·y = b, then back substitution Lᵀ·x = y.
        for (var i = 0; i < n; i++)
        {
            var sum = rhs[i];
            for (var k = 0; k < i; k++)
            {
                sum -= matrix[i * n + k] * rhs[k];
            }
            rhs[i] = sum / matrix[i * n + i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = rhs[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= matrix[k * n + i] * rhs[k];
            }
            rhs[i] = sum / matrix[i * n + i];
        }
        return true;
    }
}
