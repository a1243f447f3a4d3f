namespace DataSelection.Simulation.LinearAlgebra;

/// <summary>The few symmetric-matrix operations FID and the discriminant need, built on the Jacobi eigendecomposition.</summary>
internal static class SymmetricMatrix
{
    /// <summary>f(A) = V f(Λ) Vᵀ for a symmetric A = V Λ Vᵀ.</summary>
    public static double[,] Apply(SymmetricEigendecomposition eigen, Func<double, double> f)
    {
        var n = eigen.Values.Length;
        var mapped = new double[n];
        for (var k = 0; k < n; k++)
        {
            mapped[k] = f(eigen.Values[k]);
        }
        var result = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += eigen.Vectors[i, k] * mapped[k] * eigen.Vectors[j, k];
                }
                result[i, j] = sum;
                result[j, i] = sum;
            }
        }
        return result;
    }

    /// <summary>A·B for square matrices.</summary>
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        var n = a.GetLength(0);
        var result = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                var aik = a[i, k];
                for (var j = 0; j < n; j++)
                {
                    result[i, j] += aik * b[k, j];
                }
            }
        }
        return result;
    }

    /// <summary>(A + Aᵀ)/2: removes the asymmetry round-off leaves in a product that is symmetric in exact arithmetic.</summary>
    public static double[,] Symmetrize(double[,] a)
    {
        var n = a.GetLength(0);
        var result = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[i, j] = 0.5 * (a[i, j] + a[j, i]);
            }
        }
        return result;
    }

    public static double Trace(double[,] a)
    {
        var sum = 0.0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            sum += a[i, i];
        }
        return sum;
    }

    /// <summary>y = A·x.</summary>
    public static double[] Multiply(double[,] a, ReadOnlySpan<double> x)
    {
        var n = a.GetLength(0);
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < x.Length; j++)
            {
                sum += a[i, j] * x[j];
            }
            y[i] = sum;
        }
        return y;
    }
}
