using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Quality;

/// <summary>
/// Measures the Data Quality Multiplier: how many training samples a linear discriminant needs to
/// bring its excess error (over the Bayes error) below ε with clean labels and with labels flipped
/// at rate η. The task: two unit-covariance Gaussian classes, equal priors, means ±(separation/2)
/// along the diagonal. Each trained rule is scored by its exact error on that distribution (a
/// linear rule's error on Gaussians is a normal CDF), so the learning curve carries no test-set noise.
/// </summary>
public static class DataQualityMultiplier
{
    // Training sizes grow by √2 per step: fine enough to place a crossing within a factor 1.19
    // after log-log interpolation, coarse enough for ~25 sizes up to 20,000.
    private static readonly double SizeGrowth = Math.Sqrt(2.0);

    // The smallest size: two samples per feature, below which LDA's covariance is mostly ridge.
    private const int SamplesPerFeatureAtStart = 2;

    // The slope is fitted over the targets ε·{4, 2, 1, ½, ¼}: a 16-fold range of 1/ε.
    private static readonly double[] TargetLadder = [4.0, 2.0, 1.0, 0.5, 0.25];

    // Slopes below this are read as the 1/ε regime, above as 1/ε² (halfway in log terms).
    private const double RegimeBoundary = 1.5;

    // Rows between cancellation checks; a thousand rows of ten features take tens of microseconds.
    private const int CancellationCheckInterval = 1024;

    public static DataQualityResult Measure(
        QualityScenario scenario,
        QualityParameters parameters,
        IProgress<SimulationProgress<QualityCurvePoint>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(parameters);
        var target = parameters.TargetError ?? scenario.TargetError;
        Validate(scenario, target);

        var d = scenario.Features;
        var sizes = TrainingSizes(d, scenario.MaxSamples);
        var halfSeparation = 0.5 * scenario.ClassSeparation / Math.Sqrt(d);
        // Bayes error of two unit-covariance Gaussians at distance Δ with equal priors: Φ(−Δ/2).
        var bayesError = StandardNormal.Cdf(-0.5 * scenario.ClassSeparation);

        // Repeats advance together, size by size, so each averaged point can be drawn as it lands.
        var randoms = new SeededRandom[scenario.Repeats];
        var clean = new DiscriminantStatistics[scenario.Repeats];
        var noisy = new DiscriminantStatistics[scenario.Repeats];
        for (var repeat = 0; repeat < scenario.Repeats; repeat++)
        {
            randoms[repeat] = SeededRandom.ForStream(parameters.Seed, (ulong)repeat);
            clean[repeat] = new DiscriminantStatistics(d);
            noisy[repeat] = new DiscriminantStatistics(d);
        }
        var row = new double[d];
        var drawn = 0;
        var curve = new QualityCurvePoint[sizes.Length];
        for (var s = 0; s < sizes.Length; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double cleanSum = 0, noisySum = 0;
            for (var repeat = 0; repeat < scenario.Repeats; repeat++)
            {
                // Each size extends the same sample: a repeat's learning curve is one growing data set.
                var random = randoms[repeat];
                for (var i = drawn; i < sizes[s]; i++)
                {
                    if (i % CancellationCheckInterval == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    var label = random.NextInt(2);
                    var sign = label == 1 ? 1.0 : -1.0;
                    for (var j = 0; j < d; j++)
                    {
                        row[j] = sign * halfSeparation + random.NextGaussian();
                    }
                    var flipped = random.NextBool(scenario.LabelNoise);
                    clean[repeat].Add(row, label);
                    noisy[repeat].Add(row, flipped ? 1 - label : label);
                }
                cleanSum += ExcessError(clean[repeat].Train(), halfSeparation, bayesError);
                noisySum += ExcessError(noisy[repeat].Train(), halfSeparation, bayesError);
            }
            drawn = sizes[s];
            curve[s] = new QualityCurvePoint(sizes[s], cleanSum / scenario.Repeats, noisySum / scenario.Repeats);
            progress?.Report(new SimulationProgress<QualityCurvePoint>("curve", (s + 1.0) / sizes.Length, curve[s]));
        }

        var noiseFactor = 1.0 / ((1 - 2 * scenario.LabelNoise) * (1 - 2 * scenario.LabelNoise));
        var ladder = TargetLadder.Select(k => SamplesFor(curve, k * target, noiseFactor)).ToArray();
        var atTarget = ladder[Array.IndexOf(TargetLadder, 1.0)];
        var cleanSlope = Slope(ladder, t => t.CleanSamples);
        var noisySlope = Slope(ladder, t => t.NoisySamples);
        return new DataQualityResult(
            scenario.LabelNoise,
            bayesError,
            d,
            target,
            curve,
            atTarget,
            ladder,
            cleanSlope,
            noisySlope,
            Regime(cleanSlope),
            Regime(noisySlope),
            atTarget is { CleanSamples: { } c, NoisySamples: { } n } ? n / c : null,
            noiseFactor,
            1.0 / target);
    }

    /// <summary>
    /// Exact error of the rule "class 1 when w·x + b &gt; 0" on the two Gaussian classes, minus the Bayes
    /// error: w·x + b is N(±w·μ + b, ‖w‖²) for the class at ±μ.
    /// </summary>
    private static double ExcessError(LinearDiscriminant rule, double halfSeparation, double bayesError)
    {
        double projection = 0, normSquared = 0;
        foreach (var w in rule.Weights)
        {
            projection += w * halfSeparation;
            normSquared += w * w;
        }
        if (normSquared == 0)
        {
            return 0.5 - bayesError;
        }
        var norm = Math.Sqrt(normSquared);
        var error = 0.5 * StandardNormal.Cdf(-(projection + rule.Bias) / norm)
            + 0.5 * StandardNormal.Cdf((-projection + rule.Bias) / norm);
        // No rule beats Bayes; the CDF's 1e-7 approximation error must not make the excess negative.
        return Math.Max(error - bayesError, 0.0);
    }

    private static int[] TrainingSizes(int features, int maxSamples)
    {
        var sizes = new List<int>();
        for (double n = SamplesPerFeatureAtStart * features; n < maxSamples; n *= SizeGrowth)
        {
            var rounded = (int)Math.Round(n);
            if (sizes.Count == 0 || rounded > sizes[^1])
            {
                sizes.Add(rounded);
            }
        }
        sizes.Add(maxSamples);
        return [.. sizes];
    }

    private static SamplesToTarget SamplesFor(QualityCurvePoint[] curve, double epsilon, double noiseFactor)
    {
        var clean = Crossing(curve, epsilon, p => p.CleanExcessError);
        var noisy = Crossing(curve, epsilon, p => p.NoisyExcessError);
        return new SamplesToTarget(
            epsilon,
            clean,
            noisy,
            1.0 / epsilon,
            1.0 / (epsilon * epsilon),
            noiseFactor / epsilon,
            clean * noiseFactor);
    }

    /// <summary>
    /// The first size at which the mean excess error is at most ε, interpolated linearly in
    /// log N–log error from the size before (learning curves are near power laws); null if never.
    /// </summary>
    private static double? Crossing(QualityCurvePoint[] curve, double epsilon, Func<QualityCurvePoint, double> error)
    {
        for (var s = 0; s < curve.Length; s++)
        {
            var e = error(curve[s]);
            if (e > epsilon)
            {
                continue;
            }
            if (s == 0)
            {
                return curve[0].Samples;
            }
            var before = error(curve[s - 1]);
            if (e <= 0)
            {
                return curve[s].Samples;
            }
            var fraction = Math.Log(before / epsilon) / Math.Log(before / e);
            return Math.Exp(Math.Log(curve[s - 1].Samples) + fraction * Math.Log((double)curve[s].Samples / curve[s - 1].Samples));
        }
        return null;
    }

    /// <summary>Least-squares slope of log N against log(1/ε) over the targets reached; null if fewer than two.</summary>
    private static double? Slope(SamplesToTarget[] ladder, Func<SamplesToTarget, double?> samples)
    {
        var points = ladder
            .Where(t => samples(t) is not null)
            .Select(t => (X: Math.Log(1.0 / t.TargetError), Y: Math.Log(samples(t)!.Value)))
            .ToArray();
        if (points.Length < 2)
        {
            return null;
        }
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var covariance = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var variance = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return covariance / variance;
    }

    private static ConvergenceRegime Regime(double? slope) => slope switch
    {
        null => ConvergenceRegime.Undetermined,
        < RegimeBoundary => ConvergenceRegime.OneOverEpsilon,
        _ => ConvergenceRegime.OneOverEpsilonSquared,
    };

    private static void Validate(QualityScenario scenario, double target)
    {
        if (scenario.LabelNoise is < 0 or >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), "Label noise must be in [0, 0.5).");
        }
        if (scenario.Features < 1 || scenario.Repeats < 1 || scenario.MaxSamples < SamplesPerFeatureAtStart * scenario.Features)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), "Need at least one feature, one repeat, and MaxSamples of at least two per feature.");
        }
        if (target is <= 0 or >= 0.5 || scenario.ClassSeparation <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), "The target error must be in (0, 0.5) and the separation positive.");
        }
    }
}
