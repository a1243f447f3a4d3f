namespace DataSelection.Simulation.Quality;

/// <summary>The standard normal distribution's CDF, for exact error rates of linear rules on Gaussian classes.</summary>
internal static class StandardNormal
{
    /// <summary>Φ(x) = ½ erfc(−x/√2).</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2.0));

    /// <summary>
    /// Complementary error function by the Chebyshev-fitted exponential of Press et al., Numerical
    /// Recipes §6.2 (fractional error below 1.2e-7 everywhere), far below any excess error measured here.
    /// </summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.5 * z);
        var polynomial = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277))))))));
        var result = t * Math.Exp(polynomial);
        return x >= 0 ? result : 2.0 - result;
    }
}
