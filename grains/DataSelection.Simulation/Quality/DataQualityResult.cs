namespace DataSelection.Simulation.Quality;

/// <summary>The run's seed and, optionally, a target error other than the track's default.</summary>
public sealed record QualityParameters(ulong Seed, double? TargetError = null);

/// <summary>Mean excess error (over the Bayes error) at one training-set size, clean and noisy labels.</summary>
public sealed record QualityCurvePoint(int Samples, double CleanExcessError, double NoisyExcessError);

/// <summary>How the excess error's sample cost grows as ε shrinks: N ∝ (1/ε)^slope.</summary>
public enum ConvergenceRegime
{
    /// <summary>Fewer than two targets reached: no slope to read.</summary>
    Undetermined,

    /// <summary>Slope near 1: the realizable / fast rate, N ∝ 1/ε.</summary>
    OneOverEpsilon,

    /// <summary>Slope near 2: the agnostic / slow rate, N ∝ 1/ε².</summary>
    OneOverEpsilonSquared,
}

/// <summary>
/// Samples needed to bring excess error below one ε, measured and by formula.
/// </summary>
/// <param name="CleanSamples">Measured with clean labels (log-log interpolated between sizes); null if not reached by MaxSamples.</param>
/// <param name="NoisySamples">Measured with the track's label noise; null if not reached.</param>
/// <param name="BookCleanSamples">The book's N_clean = 1/ε.</param>
/// <param name="BookNoisySamples">The book's N_noisy = 1/ε².</param>
/// <param name="NoiseTheorySamples">Learning theory under random label noise at rate η: 1/(ε(1 − 2η)²).</param>
/// <param name="NoiseTheoryFromMeasuredClean">The measured clean count scaled by 1/(1 − 2η)²: what theory predicts
/// for the noisy count given this learner's own constant.</param>
public sealed record SamplesToTarget(
    double TargetError,
    double? CleanSamples,
    double? NoisySamples,
    double BookCleanSamples,
    double BookNoisySamples,
    double NoiseTheorySamples,
    double? NoiseTheoryFromMeasuredClean);

/// <summary>
/// The Data Quality Multiplier, measured: learning curves of a linear discriminant with clean and
/// with noisy labels, the samples each needs per target error, and the rate regime read from the
/// slope of log N against log(1/ε).
/// </summary>
/// <param name="Targets">The ladder of targets 4ε, 2ε, ε, ε/2, ε/4 the slopes are fitted over.</param>
/// <param name="MeasuredMultiplier">N_noisy / N_clean at the target ε; null if either was not reached.</param>
/// <param name="NoiseTheoryMultiplier">1/(1 − 2η)².</param>
/// <param name="BookMultiplier">The book's N_noisy / N_clean = (1/ε²)/(1/ε) = 1/ε.</param>
public sealed record DataQualityResult(
    double LabelNoise,
    double BayesError,
    int Features,
    double TargetError,
    IReadOnlyList<QualityCurvePoint> Curve,
    SamplesToTarget AtTarget,
    IReadOnlyList<SamplesToTarget> Targets,
    double? CleanSlope,
    double? NoisySlope,
    ConvergenceRegime CleanRegime,
    ConvergenceRegime NoisyRegime,
    double? MeasuredMultiplier,
    double NoiseTheoryMultiplier,
    double BookMultiplier);
