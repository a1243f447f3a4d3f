using DataSelection.Simulation.LinearAlgebra;

namespace DataSelection.Simulation.Quality;

/// <summary>
/// A two-class Fisher linear discriminant (LDA; Hastie, Tibshirani &amp; Friedman §4.3): class means and
/// a pooled within-class covariance estimated from the labeled training rows, then
/// w = Σ⁻¹(μ₁ − μ₀), b = −w·(μ₀ + μ₁)/2 + ln(n₁/n₀). Training is exact (closed form), so the learned
/// boundary depends only on the data. Predicts class 1 when w·x + b &gt; 0.
/// </summary>
public sealed class LinearDiscriminant
{
    private readonly double[] _weights;

    private LinearDiscriminant(double[] weights, double bias)
    {
        _weights = weights;
        Bias = bias;
    }

    public IReadOnlyList<double> Weights => _weights;

    public double Bias { get; }

    /// <summary>Trains on rows × features with labels 0 or 1.</summary>
    public static LinearDiscriminant Train(IReadOnlyList<double[]> rows, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Count == 0 || rows.Count != labels.Count)
        {
            throw new ArgumentException("Need at least one row and one label per row.", nameof(labels));
        }
        var statistics = new DiscriminantStatistics(rows[0].Length);
        for (var i = 0; i < rows.Count; i++)
        {
            statistics.Add(rows[i], labels[i]);
        }
        return statistics.Train();
    }

    /// <summary>w·x + b: positive means class 1.</summary>
    public double Score(ReadOnlySpan<double> features)
    {
        var score = Bias;
        for (var j = 0; j < _weights.Length; j++)
        {
            score += _weights[j] * features[j];
        }
        return score;
    }

    public int Predict(ReadOnlySpan<double> features) => Score(features) > 0 ? 1 : 0;

    internal static LinearDiscriminant FromParameters(double[] weights, double bias) => new(weights, bias);
}

/// <summary>
/// Running sufficient statistics of LDA (per-class counts, sums and sums of outer products), so a
/// learning curve can train on growing prefixes of one sample without re-reading it.
/// </summary>
internal sealed class DiscriminantStatistics(int features)
{
    // Added to the pooled covariance's diagonal, relative to its mean variance, so that a set with
    // fewer rows than features (singular covariance) still gives a finite, well-defined boundary;
    // at 1e-6 it is far below sampling error for any set large enough to matter.
    private const double RelativeRidge = 1e-6;

    private readonly int[] _counts = new int[2];
    private readonly double[][] _sums = [new double[features], new double[features]];
    private readonly double[,] _outerProducts = new double[features, features];

    public int Count => _counts[0] + _counts[1];

    public void Add(ReadOnlySpan<double> row, int label)
    {
        if (label is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, "Labels are 0 or 1.");
        }
        _counts[label]++;
        var sum = _sums[label];
        for (var i = 0; i < features; i++)
        {
            sum[i] += row[i];
            for (var j = i; j < features; j++)
            {
                _outerProducts[i, j] += row[i] * row[j];
            }
        }
    }

    public LinearDiscriminant Train()
    {
        var weights = new double[features];
        if (_counts[0] == 0 || _counts[1] == 0)
        {
            // One class only: the best rule the data supports is always predicting it.
            return LinearDiscriminant.FromParameters(weights, _counts[1] > 0 ? 1.0 : -1.0);
        }
        var mean0 = new double[features];
        var mean1 = new double[features];
        for (var j = 0; j < features; j++)
        {
            mean0[j] = _sums[0][j] / _counts[0];
            mean1[j] = _sums[1][j] / _counts[1];
        }

        // Pooled within-class covariance: Σ_c Σ_{x in c} (x − μ_c)(x − μ_c)ᵀ / (n − 2).
        var degrees = Math.Max(Count - 2, 1);
        var covariance = new double[features, features];
        var trace = 0.0;
        for (var i = 0; i < features; i++)
        {
            for (var j = i; j < features; j++)
            {
                var scatter = _outerProducts[i, j]
                    - _counts[0] * mean0[i] * mean0[j]
                    - _counts[1] * mean1[i] * mean1[j];
                covariance[i, j] = covariance[j, i] = scatter / degrees;
            }
            trace += covariance[i, i];
        }
        var ridge = RelativeRidge * Math.Max(trace / features, double.Epsilon);
        for (var i = 0; i < features; i++)
        {
            covariance[i, i] += ridge;
        }

        var difference = new double[features];
        for (var j = 0; j < features; j++)
        {
            difference[j] = mean1[j] - mean0[j];
        }
        var inverse = SymmetricMatrix.Apply(SymmetricEigensolver.Decompose(covariance), lambda => 1.0 / Math.Max(lambda, ridge));
        weights = SymmetricMatrix.Multiply(inverse, difference);

        var bias = Math.Log((double)_counts[1] / _counts[0]);
        for (var j = 0; j < features; j++)
        {
            bias -= weights[j] * 0.5 * (mean0[j] + mean1[j]);
        }
        return LinearDiscriminant.FromParameters(weights, bias);
    }
}
