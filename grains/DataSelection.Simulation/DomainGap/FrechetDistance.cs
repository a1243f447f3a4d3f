using DataSelection.Simulation.LinearAlgebra;

namespace DataSelection.Simulation.DomainGap;

/// <summary>
/// The Fréchet distance between two Gaussians fitted to feature vectors (FID when the features
/// come from an Inception network; Heusel et al. 2017). Used here on the simulation's own features.
/// </summary>
public static class FrechetDistance
{
    // d² = ‖Δμ‖² + Tr Σ₁ + Tr Σ₂ − 2 Tr(…) subtracts numbers of similar size, so identical inputs can
    // come out a few ulps below zero; a true distance is never negative, so such results are 0.
    private const double RoundOffFloor = 0.0;

    /// <summary>
    /// d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½) between N(μ₁, Σ₁) and N(μ₂, Σ₂) (Heusel et al. 2017).
    /// Covariances must be symmetric positive semi-definite of the means' dimension.
    /// </summary>
    public static double Compute(FeatureMoments first, FeatureMoments second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Compute(first.Mean, first.Covariance, second.Mean, second.Covariance);
    }

    /// <inheritdoc cref="Compute(FeatureMoments, FeatureMoments)"/>
    public static double Compute(double[] mean1, double[,] covariance1, double[] mean2, double[,] covariance2)
    {
        ArgumentNullException.ThrowIfNull(mean1);
        ArgumentNullException.ThrowIfNull(covariance1);
        ArgumentNullException.ThrowIfNull(mean2);
        ArgumentNullException.ThrowIfNull(covariance2);
        var d = mean1.Length;
        if (d < 1 || mean2.Length != d
            || covariance1.GetLength(0) != d || covariance1.GetLength(1) != d
            || covariance2.GetLength(0) != d || covariance2.GetLength(1) != d)
        {
            throw new ArgumentException("Means and covariances must share one dimension of at least 1.");
        }
        if (!AllFinite(mean1) || !AllFinite(mean2) || !AllFinite(covariance1) || !AllFinite(covariance2))
        {
            throw new ArgumentException("Means and covariances must be finite.");
        }

        var meanTerm = 0.0;
        for (var j = 0; j < d; j++)
        {
            var delta = mean1[j] - mean2[j];
            meanTerm += delta * delta;
        }
        var distance = meanTerm
            + SymmetricMatrix.Trace(covariance1)
            + SymmetricMatrix.Trace(covariance2)
            - 2 * TraceOfSquareRootOfProduct(covariance1, covariance2);
        return Math.Max(distance, RoundOffFloor);
    }

    /// <summary>FID between the Gaussians fitted (mean, covariance with n − 1) to two sets of rows × features.</summary>
    public static double FromSamples(IReadOnlyList<double[]> first, IReadOnlyList<double[]> second)
    {
        var a = FeatureMoments.FromRows(first);
        var b = FeatureMoments.FromRows(second);
        if (a.Dimensions != b.Dimensions)
        {
            throw new ArgumentException("Both sets must have the same number of features.", nameof(second));
        }
        return Compute(a, b);
    }

    /// <summary>
    /// Tr((Σ₁Σ₂)^½) through the similar symmetric matrix √Σ₁ Σ₂ √Σ₁, whose eigenvalues are those of
    /// Σ₁Σ₂ but which a symmetric eigensolver handles stably. Eigenvalues that round-off pushes below
    /// zero (they are ≥ 0 in exact arithmetic for PSD inputs) are clamped to 0 before the square root.
    /// </summary>
    private static double TraceOfSquareRootOfProduct(double[,] covariance1, double[,] covariance2)
    {
        var rootOfFirst = SymmetricMatrix.Apply(
            SymmetricEigensolver.Decompose(SymmetricMatrix.Symmetrize(covariance1)),
            lambda => Math.Sqrt(Math.Max(lambda, 0.0)));
        var sandwich = SymmetricMatrix.Symmetrize(
            SymmetricMatrix.Multiply(SymmetricMatrix.Multiply(rootOfFirst, covariance2), rootOfFirst));
        var trace = 0.0;
        foreach (var lambda in SymmetricEigensolver.Decompose(sandwich).Values)
        {
            trace += Math.Sqrt(Math.Max(lambda, 0.0));
        }
        return trace;
    }

    private static bool AllFinite(double[] values) => Array.TrueForAll(values, double.IsFinite);

    private static bool AllFinite(double[,] values)
    {
        foreach (var x in values)
        {
            if (!double.IsFinite(x))
            {
                return false;
            }
        }
        return true;
    }
}
