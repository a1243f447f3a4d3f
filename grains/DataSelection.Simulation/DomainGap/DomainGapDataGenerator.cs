using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.DomainGap;

/// <summary>
/// The generated world of Part 3. Two classes (obstacle / no obstacle) in a feature space whose
/// first half are "shape" features (geometry: robust to weather) and second half "appearance"
/// features (brightness, which carries no class signal, then texture and contrast: informative in clear
/// weather, hurt by weather). Each class
/// is a unit-variance Gaussian around ±½ of a class-difference vector. Real samples are recorded in
/// clear, fog, night or rain (the training collection mostly clear, the field at every condition's
/// share); the simulator renders every condition at field shares renders the same scenes with a systematic shift, and its
/// rain is wrong. Domain randomisation (Tobin et al. 2017) jitters the simulator's appearance.
/// </summary>
/// <remarks>
/// The condition effects below are the physics of this generated world, the same for every track;
/// what differs by track (rain share, simulator shift, rain mismatch) comes from the scenario.
/// </remarks>
public sealed class DomainGapDataGenerator
{
    // Length of the class-difference vector on the shape and on the appearance features (in
    // within-class standard deviations). Together √(2.0² + 2.8²) ≈ 3.4: ~4% Bayes error in clear weather,
    // most of it carried by appearance, which is what makes weather on appearance matter.
    private const double ShapeSeparation = 2.0;
    private const double AppearanceSeparation = 2.8;

    // Fog blurs every feature toward the mean (contrast loss) and sensor noise fills the spread back in.
    private const double FogBlur = 0.4;
    private const double FogNoise = 0.5;

    // Night keeps geometry but takes appearance's class signal down to this fraction, darkens the
    // scene (the same offset for both classes: a large drop in brightness, a smaller one of this total
    // length across the texture features) and adds low-light noise. A classifier that leaned on
    // texture in clear weather reads dark as "no obstacle"; one that saw enough night learns to
    // discount texture by brightness, which is what the simulator's night coverage buys.
    private const double NightAppearanceSignal = 0.2;
    private const double NightBrightnessDrop = 3.0;
    private const double NightTextureDrop = 2.5;
    private const double NightNoise = 1.0;

    // Rain raises one appearance feature (wet glare on contrast) by this many standard deviations,
    // plus streak noise on all appearance features. That feature also separates the classes, so rain
    // pushes every rain sample toward one class: the hazard a classifier must learn from rain samples.
    private const double RainShift = 8.0;
    private const double RainNoise = 0.5;

    // Domain randomisation at intensity 1 adds appearance jitter of this standard deviation.
    private const double RandomizationSpread = 2.0;

    // A thousand rows take well under a millisecond, so cancellation lands promptly.
    private const int CancellationCheckInterval = 1024;

    private readonly int _features;
    private readonly int _shapeFeatures;
    private readonly int _brightnessFeature;
    private readonly double[] _classHalfDifference;
    private readonly double[] _rainDirection;
    private readonly double[] _simulatedRainDirection;
    private readonly double[] _simulatorShiftDirection;
    private readonly double[] _nightOffset;
    private readonly DomainGapScenario _scenario;

    public DomainGapDataGenerator(DomainGapScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Features < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), "Part 3 needs at least two shape and two appearance features.");
        }
        _scenario = scenario;
        _features = scenario.Features;
        _shapeFeatures = _features / 2;
        // The first appearance feature is brightness (no class signal); the rest are texture.
        _brightnessFeature = _shapeFeatures;
        var textureFeatures = _features - _shapeFeatures - 1;

        _classHalfDifference = new double[_features];
        _nightOffset = new double[_features];
        // Real rain acts on the last feature (contrast); the simulator renders it rotated toward
        // brightness (a brightness change instead of a contrast change), by the angle whose chord is RainMismatch.
        _rainDirection = new double[_features];
        _rainDirection[_features - 1] = 1.0;
        _simulatedRainDirection = new double[_features];
        var angle = 2 * Math.Asin(Math.Min(scenario.RainMismatch / (2 * RainShift), 1.0));
        _simulatedRainDirection[_features - 1] = Math.Cos(angle);
        _simulatedRainDirection[_brightnessFeature] = Math.Sin(angle);
        _simulatorShiftDirection = new double[_features];
        for (var j = 0; j < _features; j++)
        {
            _classHalfDifference[j] = j < _shapeFeatures ? 0.5 * ShapeSeparation / Math.Sqrt(_shapeFeatures)
                : j == _brightnessFeature ? 0.0
                : 0.5 * AppearanceSeparation / Math.Sqrt(textureFeatures);
            _nightOffset[j] = j < _shapeFeatures ? 0.0
                : j == _brightnessFeature ? -NightBrightnessDrop
                : -NightTextureDrop / Math.Sqrt(textureFeatures);
            // The simulator's shift hits every other feature: partly along the class direction, so
            // a simulator-trained boundary lands in the wrong place, partly across it.
            _simulatorShiftDirection[j] = j % 2 == 0 ? 1.0 : 0.0;
        }
        var norm = Math.Sqrt(_simulatorShiftDirection.Sum(x => x * x));
        for (var j = 0; j < _features; j++)
        {
            _simulatorShiftDirection[j] /= norm;
        }
    }

    /// <summary>Real samples in the field: conditions at the field's shares (the held-out test set).</summary>
    public DomainGapDataset GenerateReal(int count, SeededRandom random, CancellationToken cancellationToken = default) =>
        GenerateReal(count, _scenario.FieldShares, random, cancellationToken);

    /// <summary>Real samples recorded with the given condition shares (the real training collection).</summary>
    public DomainGapDataset GenerateReal(int count, ConditionShares shares, SeededRandom random, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(random);
        shares.Validate(nameof(shares));
        return Generate(count, shares, random, (row, sign, condition) => ApplyWeather(row, sign, condition, _rainDirection, random), cancellationToken);
    }

    /// <summary>
    /// Simulator samples at domain-randomisation <paramref name="intensity"/> (0–1), every condition at
    /// the field's shares (the simulator's selling point: it renders fog and night on demand): the simulator's
    /// systematic shift, rain rendered on the wrong feature mix (its shift vector lies
    /// <see cref="DomainGapScenario.RainMismatch"/> standard deviations from real rain's, at full
    /// mismatch √2 × 8 on another feature entirely), and appearance jitter of standard deviation intensity × 2.
    /// </summary>
    public DomainGapDataset GenerateSynthetic(int count, double intensity, SeededRandom random, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(intensity, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(intensity, 1.0);
        var jitter = intensity * RandomizationSpread;
        return Generate(count, _scenario.FieldShares, random, (row, sign, condition) =>
        {
            ApplyWeather(row, sign, condition, _simulatedRainDirection, random);
            for (var j = 0; j < _features; j++)
            {
                row[j] += _scenario.SyntheticShift * _simulatorShiftDirection[j];
                if (j >= _shapeFeatures)
                {
                    row[j] += jitter * random.NextGaussian();
                }
            }
        }, cancellationToken);
    }

    private DomainGapDataset Generate(
        int count, ConditionShares shares, SeededRandom random, Action<double[], double, WeatherCondition> sample, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var features = new double[count][];
        var labels = new int[count];
        var conditions = new WeatherCondition[count];
        for (var i = 0; i < count; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var label = random.NextInt(2);
            var condition = shares.Draw(random.NextDouble());
            var sign = label == 1 ? 1.0 : -1.0;
            var row = new double[_features];
            for (var j = 0; j < _features; j++)
            {
                row[j] = sign * _classHalfDifference[j] + random.NextGaussian();
            }
            sample(row, sign, condition);
            features[i] = row;
            labels[i] = label;
            conditions[i] = condition;
        }
        return new DomainGapDataset(features, labels, conditions);
    }

    private void ApplyWeather(double[] row, double sign, WeatherCondition condition, double[] rainDirection, SeededRandom random)
    {
        switch (condition)
        {
            case WeatherCondition.Fog:
                for (var j = 0; j < _features; j++)
                {
                    row[j] = (1 - FogBlur) * row[j] + FogNoise * random.NextGaussian();
                }
                break;
            case WeatherCondition.Night:
                for (var j = _shapeFeatures; j < _features; j++)
                {
                    row[j] += _nightOffset[j] - (1 - NightAppearanceSignal) * sign * _classHalfDifference[j] + NightNoise * random.NextGaussian();
                }
                break;
            case WeatherCondition.Rain:
                for (var j = _shapeFeatures; j < _features; j++)
                {
                    row[j] += RainShift * rainDirection[j] + RainNoise * random.NextGaussian();
                }
                break;
            case WeatherCondition.Clear:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition, null);
        }
    }
}
