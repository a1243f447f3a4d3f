using System.Text.Json;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Quality;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.Quality;

public class DataQualityMultiplierTests
{
    // Mobile Nomad's 5% label noise: theory's multiplier 1/(1 − 2η)² = 1.23.
    private static readonly QualityScenario MobileNomad = TrackCatalog.MobileNomad.Quality;

    [Fact]
    public void Label_noise_raises_the_samples_needed()
    {
        var result = DataQualityMultiplier.Measure(MobileNomad, new QualityParameters(3));
        Assert.NotNull(result.AtTarget.CleanSamples);
        Assert.NotNull(result.AtTarget.NoisySamples);
        // Flipped labels shrink the class-mean difference by (1 − 2η) and inflate its variance, so
        // every target costs more samples; summed over the ladder the effect is well above noise.
        Assert.True(result.MeasuredMultiplier > 1.0, $"multiplier {result.MeasuredMultiplier}");
        var clean = result.Targets.Sum(t => t.CleanSamples ?? double.NaN);
        var noisy = result.Targets.Sum(t => t.NoisySamples ?? double.NaN);
        Assert.True(noisy > 1.1 * clean, $"noisy {noisy} vs clean {clean}");
    }

    [Fact]
    public void Measured_slope_is_in_the_one_over_epsilon_regime_for_random_label_noise()
    {
        var result = DataQualityMultiplier.Measure(MobileNomad, new QualityParameters(4));
        // LDA's excess error decays like d/N (a parametric plug-in rule), and symmetric label noise
        // only rescales it by ≈ 1/(1 − 2η)², so log N against log(1/ε) has slope ≈ 1, not the book's 2.
        Assert.InRange(result.CleanSlope!.Value, 0.7, 1.4);
        Assert.InRange(result.NoisySlope!.Value, 0.7, 1.4);
        Assert.Equal(ConvergenceRegime.OneOverEpsilon, result.CleanRegime);
        Assert.Equal(ConvergenceRegime.OneOverEpsilon, result.NoisyRegime);
    }

    [Fact]
    public void Excess_error_falls_as_samples_grow_and_the_bayes_error_is_exact()
    {
        var result = DataQualityMultiplier.Measure(MobileNomad, new QualityParameters(5));
        // Φ(−1) for class means 2 standard deviations apart.
        Assert.Equal(0.158655254, result.BayesError, 6);
        // From 20 to 20,000 samples a d/N curve falls ~1000-fold; ask for a hundredfold.
        Assert.True(result.Curve[^1].CleanExcessError < result.Curve[0].CleanExcessError / 100);
        Assert.True(result.Curve[^1].NoisyExcessError < result.Curve[0].NoisyExcessError / 100);
    }

    [Fact]
    public void Formula_values_are_the_books_and_learning_theorys()
    {
        var result = DataQualityMultiplier.Measure(MobileNomad, new QualityParameters(6, TargetError: 0.01));
        Assert.Equal(100, result.AtTarget.BookCleanSamples, 9);
        Assert.Equal(10_000, result.AtTarget.BookNoisySamples, 9);
        Assert.Equal(1 / (0.01 * 0.9 * 0.9), result.AtTarget.NoiseTheorySamples, 9);
        Assert.Equal(1 / (0.9 * 0.9), result.NoiseTheoryMultiplier, 12);
    }

    [Fact]
    public void Same_seed_gives_identical_results()
    {
        var first = JsonSerializer.Serialize(DataQualityMultiplier.Measure(MobileNomad, new QualityParameters(8)));
        var second = JsonSerializer.Serialize(DataQualityMultiplier.Measure(MobileNomad, new QualityParameters(8)));
        var other = JsonSerializer.Serialize(DataQualityMultiplier.Measure(MobileNomad, new QualityParameters(9)));
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Cancellation_stops_the_measurement()
    {
        using var cancellation = new CancellationTokenSource();
        var points = new List<QualityCurvePoint>();
        var progress = new SynchronousProgress<SimulationProgress<QualityCurvePoint>>(p =>
        {
            if (p.Partial is { } point)
            {
                points.Add(point);
                cancellation.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DataQualityMultiplier.Measure(MobileNomad, new QualityParameters(1), progress, cancellation.Token));
        // The first size was reported as a live partial, then the run stopped.
        Assert.Single(points);
        Assert.Equal(2 * MobileNomad.Features, points[0].Samples);
    }
}
