using DataSelection.Simulation.DomainGap;
using DataSelection.Simulation.LinearAlgebra;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Tests.DomainGap;

public class FrechetDistanceTests
{
    [Fact]
    public void Fid_is_zero_for_identical_sets()
    {
        var rows = GaussianRows(new SeededRandom(1), 500, [0.0, 1.0, -2.0], [1.0, 2.0, 0.5]);
        // Exactly 0 in exact arithmetic; round-off in the eigen-solves is of order 1e-15 × trace.
        Assert.InRange(FrechetDistance.FromSamples(rows, rows), 0.0, 1e-10);
    }

    [Fact]
    public void Fid_of_equal_covariance_gaussians_is_the_squared_mean_distance()
    {
        var covariance = RandomSpd(new SeededRandom(2), 6);
        double[] mean1 = [0, 1, 2, 3, 4, 5];
        double[] mean2 = [1, 1, 0, 3, 2, 5];
        // ‖Δμ‖² = 1 + 4 + 4 = 9; the trace terms cancel exactly when Σ₁ = Σ₂.
        Assert.Equal(9.0, FrechetDistance.Compute(mean1, covariance, mean2, covariance), 9);
    }

    [Fact]
    public void Fid_matches_the_closed_form_for_diagonal_covariances()
    {
        double[] variances1 = [1.0, 4.0, 0.25, 9.0];
        double[] variances2 = [2.0, 1.0, 0.25, 16.0];
        double[] mean1 = [0.5, -1.0, 2.0, 0.0];
        double[] mean2 = [0.0, 1.0, 2.0, 3.0];
        var expected = 0.0;
        for (var j = 0; j < 4; j++)
        {
            // Σ(√σ₁ − √σ₂)² + ‖Δμ‖² for commuting (diagonal) covariances.
            expected += Math.Pow(Math.Sqrt(variances1[j]) - Math.Sqrt(variances2[j]), 2) + Math.Pow(mean1[j] - mean2[j], 2);
        }
        Assert.Equal(expected, FrechetDistance.Compute(mean1, Diagonal(variances1), mean2, Diagonal(variances2)), 10);
    }

    [Fact]
    public void Fid_is_symmetric_under_swapping_the_sets()
    {
        var random = new SeededRandom(3);
        var a = RandomSpd(random, 5);
        var b = RandomSpd(random, 5);
        double[] mean1 = [1, 0, 0, 2, 0];
        double[] mean2 = [0, 0, 1, 0, 0];
        var forward = FrechetDistance.Compute(mean1, a, mean2, b);
        var backward = FrechetDistance.Compute(mean2, b, mean1, a);
        // Σ₁Σ₂ and Σ₂Σ₁ share eigenvalues, so the distances agree to round-off.
        Assert.True(forward > 1.0);
        Assert.Equal(forward, backward, 9);
    }

    [Fact]
    public void Fid_stays_finite_and_non_negative_for_near_singular_covariances()
    {
        // Rank-one covariances (plus 1e-14 jitter): round-off gives tiny negative eigenvalues that must clamp.
        double[] v = [1, 2, 3, 4];
        var singular = new double[4, 4];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                singular[i, j] = v[i] * v[j] + (i == j ? 1e-14 : 0);
            }
        }
        double[] mean = [0, 0, 0, 0];
        double[] shifted = [1, 0, 0, 0];
        var same = FrechetDistance.Compute(mean, singular, shifted, singular);
        Assert.Equal(1.0, same, 6);

        // Sets whose second column copies the first have an exactly singular sample covariance.
        var random = new SeededRandom(4);
        var rows = Enumerable.Range(0, 300).Select(_ => { var x = random.NextGaussian(); return new[] { x, x, random.NextGaussian() }; }).ToArray();
        var other = Enumerable.Range(0, 300).Select(_ => { var x = random.NextGaussian(); return new[] { x, x, 1 + random.NextGaussian() }; }).ToArray();
        var sampled = FrechetDistance.FromSamples(rows, other);
        Assert.True(double.IsFinite(sampled));
        Assert.InRange(sampled, 0.5, 1.5);
    }

    [Fact]
    public void Fid_works_for_one_feature()
    {
        // In one dimension FID is (μ₁ − μ₂)² + (σ₁ − σ₂)².
        var fid = FrechetDistance.Compute([1.0], Diagonal([4.0]), [3.0], Diagonal([1.0]));
        Assert.Equal(4.0 + 1.0, fid, 12);
    }

    [Fact]
    public void Fid_from_two_rows_per_set_is_finite()
    {
        // Two rows give rank-one covariances: the smallest input the CLI accepts.
        double[][] a = [[0.0, 1.0, 2.0], [1.0, 1.0, 0.0]];
        double[][] b = [[5.0, 1.0, 2.0], [6.0, 0.0, 2.0]];
        var fid = FrechetDistance.FromSamples(a, b);
        Assert.True(double.IsFinite(fid));
        Assert.True(fid >= 25.0, $"FID {fid} must include the mean shift of ≈ 5² along the first feature");
    }

    [Fact]
    public void Sampled_fid_converges_toward_the_population_value()
    {
        double[] mean1 = [0, 0, 0, 0];
        double[] mean2 = [1, 0, 0, 0];
        double[] sd1 = [1, 1, 1, 1];
        double[] sd2 = [1, 2, 1, 0.5];
        var population = FrechetDistance.Compute(mean1, Diagonal(sd1.Select(s => s * s).ToArray()), mean2, Diagonal(sd2.Select(s => s * s).ToArray()));
        Assert.Equal(1.0 + 1.0 + 0.25, population, 10);

        var random = new SeededRandom(5);
        double ErrorAt(int n) => Math.Abs(FrechetDistance.FromSamples(GaussianRows(random, n, mean1, sd1), GaussianRows(random, n, mean2, sd2)) - population);
        var small = ErrorAt(50);
        var large = ErrorAt(50_000);
        // Sampled FID is biased upward by O(d/n) and its spread is O(1/√n): at n = 50,000 both are
        // ≈ 0.01, so 0.05 is five of them; at n = 50 the bias alone is ~0.1.
        Assert.InRange(large, 0.0, 0.05);
        Assert.True(large < small, $"error at n = 50,000 ({large}) should be below error at n = 50 ({small})");
    }

    [Fact]
    public void Jacobi_eigendecomposition_reconstructs_the_matrix()
    {
        var matrix = RandomSpd(new SeededRandom(6), 7);
        var eigen = SymmetricEigensolver.Decompose(matrix);
        var rebuilt = SymmetricMatrix.Apply(eigen, x => x);
        for (var i = 0; i < 7; i++)
        {
            for (var j = 0; j < 7; j++)
            {
                Assert.Equal(matrix[i, j], rebuilt[i, j], 10);
            }
        }
    }

    private static double[][] GaussianRows(SeededRandom random, int n, double[] mean, double[] sd) =>
        Enumerable.Range(0, n).Select(_ => mean.Select((m, j) => m + sd[j] * random.NextGaussian()).ToArray()).ToArray();

    private static double[,] Diagonal(double[] values)
    {
        var m = new double[values.Length, values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            m[i, i] = values[i];
        }
        return m;
    }

    /// <summary>A Aᵀ + I for a random Gaussian A: symmetric positive definite.</summary>
    private static double[,] RandomSpd(SeededRandom random, int n)
    {
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = random.NextGaussian();
            }
        }
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    m[i, j] += a[i, k] * a[j, k];
                }
            }
            m[i, i] += 1.0;
        }
        return m;
    }
}
