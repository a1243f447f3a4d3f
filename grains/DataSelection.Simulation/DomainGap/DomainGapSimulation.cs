using DataSelection.Simulation.LinearAlgebra;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Quality;
using DataSelection.Simulation.Randomness;
using DataSelection.Simulation.Reuse;

namespace DataSelection.Simulation.DomainGap;

/// <summary>
/// Part 3, the Domain Gap Synthesis: train a linear discriminant on a mix of synthetic and real
/// samples, test it on held-out real data in every condition, and measure the domain gap as FID.
/// </summary>
public static class DomainGapSimulation
{
    // Stream numbers under the run's seed: each data source has its own stream, so the real data and
    // the first k simulator samples are the same whatever the mix, and sweeps compare like with like.
    private const ulong RealTrainingStream = 1;
    private const ulong RealTestStream = 2;
    private const ulong SyntheticTrainingStream = 3;
    private const ulong SyntheticReferenceStream = 4;

    // The Lock compares 10% with 90% synthetic, the storyboard's two positions.
    private const double LowSyntheticMix = 0.1;
    private const double HighSyntheticMix = 0.9;

    // The sweep visits 0, 0.1, …, 1.0.
    private const int SweepSteps = 10;

    public static DomainGapResult Run(
        DomainGapScenario scenario,
        DomainGapParameters parameters,
        IProgress<SimulationProgress<DomainGapResult>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var world = World.Of(scenario, parameters.RandomizationIntensity, parameters.Seed, progress, cancellationToken);
        progress?.Report(new SimulationProgress<DomainGapResult>("train", 0.5));
        var result = world.Evaluate(parameters.MixRatio, cancellationToken);
        progress?.Report(new SimulationProgress<DomainGapResult>("done", 1.0, result));
        return result;
    }

    /// <summary>A run on a world generated for it alone, never shared: what <see cref="Run"/> must answer.</summary>
    internal static DomainGapResult RunUnshared(DomainGapScenario scenario, DomainGapParameters parameters) =>
        World.Generate(scenario, parameters.RandomizationIntensity, parameters.Seed)
            .Evaluate(parameters.MixRatio, CancellationToken.None);

    /// <summary>
    /// Runs mix ratios 0, 0.1, …, 1.0 at one randomisation intensity, reporting each point as a
    /// partial, and reads the Lock outcome (safety at 90% vs 10% synthetic) from it.
    /// </summary>
    public static MixSweep Sweep(
        DomainGapScenario scenario,
        double randomizationIntensity,
        ulong seed,
        IProgress<SimulationProgress<DomainGapResult>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var world = World.Of(scenario, randomizationIntensity, seed, progress, cancellationToken);
        var points = new DomainGapResult[SweepSteps + 1];
        for (var step = 0; step <= SweepSteps; step++)
        {
            points[step] = world.Evaluate((double)step / SweepSteps, cancellationToken);
            progress?.Report(new SimulationProgress<DomainGapResult>("sweep", (step + 1.0) / (SweepSteps + 1), points[step]));
        }

        var low = points[(int)Math.Round(LowSyntheticMix * SweepSteps)].SafetyAccuracy;
        var high = points[(int)Math.Round(HighSyntheticMix * SweepSteps)].SafetyAccuracy;
        var rainTests = Math.Max(world.RainTestSamples, 1);
        var pooled = 0.5 * (low + high);
        // One binomial standard error of a rain accuracy on n test samples. Both ends are measured on
        // the same test samples with nested training sets, so their difference varies less than two
        // independent accuracies would; one standard error is the noise a student would see.
        var tolerance = Math.Sqrt(pooled * (1 - pooled) / rainTests);
        var trend = high - low > tolerance ? SafetyTrend.Improves
            : low - high > tolerance ? SafetyTrend.Degrades
            : SafetyTrend.Unchanged;
        var challengeMixes = points.Where(p => p.StakeholderChallengeMet).Select(p => p.MixRatio).ToArray();
        return new MixSweep(randomizationIntensity, points, low, high, tolerance, trend, challengeMixes);
    }

    /// <summary>Worlds kept for reuse: a few intensities of each track (≈ 1 MB each at the tracks' sizes).</summary>
    private const int MaxWorlds = 32;

    private static readonly BoundedMemo<(DomainGapScenario Scenario, double Intensity, ulong Seed), World> Worlds = new(MaxWorlds);

    /// <summary>Everything generated once per seed and intensity; evaluating a mix only slices it.</summary>
    private sealed class World
    {
        private readonly DomainGapScenario _scenario;
        private readonly double _intensity;
        private readonly DomainGapDataset _realPool;
        private readonly DomainGapDataset _syntheticPool;
        private readonly DomainGapDataset _test;
        private readonly FeatureMoments _testMoments;
        private readonly double _syntheticFid;
        private readonly double _realCoverage;
        private readonly double _rainCoverage;

        private World(
            DomainGapScenario scenario, double intensity, DomainGapDataset realPool, DomainGapDataset syntheticPool,
            DomainGapDataset test, double syntheticFid, double realCoverage, double rainCoverage)
        {
            _scenario = scenario;
            _intensity = intensity;
            _realPool = realPool;
            _syntheticPool = syntheticPool;
            _test = test;
            _testMoments = FeatureMoments.FromRows(test.Features);
            _syntheticFid = syntheticFid;
            _realCoverage = realCoverage;
            _rainCoverage = rainCoverage;
        }

        public int RainTestSamples => _test.Conditions.Count(c => c == WeatherCondition.Rain);

        /// <summary>
        /// The world for these inputs, generated once and shared by later runs: a student moving the mix
        /// slider pays only for training at the new mix. A world is read-only once made, and generating it
        /// is deterministic, so a shared one answers exactly what a new one would (tested).
        /// </summary>
        public static World Of(
            DomainGapScenario scenario, double intensity, ulong seed,
            IProgress<SimulationProgress<DomainGapResult>>? progress, CancellationToken cancellationToken)
        {
            progress?.Report(new SimulationProgress<DomainGapResult>("generate", 0.0));
            cancellationToken.ThrowIfCancellationRequested();
            return Worlds.GetOrCompute((scenario, intensity, seed), static key =>
                Generate(key.Scenario, key.Intensity, key.Seed));
        }

        /// <summary>A new world, computed without a caller's cancellation (one caller giving up must not leave a shared world half-made).</summary>
        public static World Generate(DomainGapScenario scenario, double intensity, ulong seed)
        {
            Validate(scenario);
            ArgumentOutOfRangeException.ThrowIfLessThan(intensity, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(intensity, 1.0);
            var generator = new DomainGapDataGenerator(scenario);
            var realPool = generator.GenerateReal(
                scenario.RealSamples, scenario.CollectionShares, SeededRandom.ForStream(seed, RealTrainingStream), CancellationToken.None);
            var test = generator.GenerateReal(
                scenario.TestSamples, SeededRandom.ForStream(seed, RealTestStream), CancellationToken.None);
            var syntheticPool = generator.GenerateSynthetic(
                scenario.TrainingSamples, intensity, SeededRandom.ForStream(seed, SyntheticTrainingStream), CancellationToken.None);
            var reference = generator.GenerateSynthetic(
                scenario.TrainingSamples, intensity, SeededRandom.ForStream(seed, SyntheticReferenceStream), CancellationToken.None);

            var syntheticFid = FrechetDistance.FromSamples(reference.Features, test.Features);
            var coverage = new DistributionCoverage(reference.Features);
            var realCoverage = coverage.ShareCovered(test.Features);
            var rainCoverage = coverage.ShareCovered(
                test.Features.Where((_, i) => test.Conditions[i] == WeatherCondition.Rain));
            return new World(scenario, intensity, realPool, syntheticPool, test, syntheticFid, realCoverage, rainCoverage);
        }

        public DomainGapResult Evaluate(double mixRatio, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(mixRatio, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(mixRatio, 1.0);
            cancellationToken.ThrowIfCancellationRequested();
            var synthetic = (int)Math.Round(mixRatio * _scenario.TrainingSamples);
            var requestedReal = _scenario.TrainingSamples - synthetic;
            var real = Math.Min(requestedReal, _scenario.RealSamples);
            var training = _realPool.Take(real).Concat(_syntheticPool.Take(synthetic));

            var classifier = LinearDiscriminant.Train(training.Features, training.Labels);
            cancellationToken.ThrowIfCancellationRequested();

            var conditions = Enum.GetValues<WeatherCondition>();
            var correct = new int[conditions.Length];
            var counts = new int[conditions.Length];
            for (var i = 0; i < _test.Count; i++)
            {
                var condition = (int)_test.Conditions[i];
                counts[condition]++;
                if (classifier.Predict(_test.Features[i]) == _test.Labels[i])
                {
                    correct[condition]++;
                }
            }
            var perCondition = conditions
                .Select(c => new ConditionAccuracy(c, counts[(int)c], counts[(int)c] == 0 ? 0.0 : (double)correct[(int)c] / counts[(int)c]))
                .ToArray();
            var accuracy = (double)correct.Sum() / _test.Count;
            var safety = perCondition[(int)WeatherCondition.Rain].Accuracy;
            var worst = perCondition.Where(c => c.TestSamples > 0).MinBy(c => c.Accuracy)!;

            // A training set of fewer than two rows has no covariance; the scenario check rules it out.
            var trainingFid = FrechetDistance.Compute(FeatureMoments.FromRows(training.Features), _testMoments);
            var composition = conditions
                .Select(c => new TrainingComposition(
                    c,
                    CountOf(_realPool.Conditions, real, c),
                    CountOf(_syntheticPool.Conditions, synthetic, c)))
                .ToArray();
            return new DomainGapResult(
                mixRatio,
                _intensity,
                requestedReal,
                real,
                synthetic,
                accuracy,
                perCondition,
                safety,
                worst.Condition,
                worst.Accuracy,
                trainingFid,
                _syntheticFid,
                _realCoverage,
                _rainCoverage,
                accuracy >= _scenario.AccuracyTarget,
                safety >= _scenario.SafetyTarget,
                trainingFid <= _scenario.FidThreshold,
                composition);
        }

        private static int CountOf(WeatherCondition[] conditions, int prefix, WeatherCondition condition)
        {
            var count = 0;
            for (var i = 0; i < prefix; i++)
            {
                if (conditions[i] == condition)
                {
                    count++;
                }
            }
            return count;
        }

        private static void Validate(DomainGapScenario scenario)
        {
            ArgumentNullException.ThrowIfNull(scenario);
            // Every mix must leave at least two training rows (a covariance) and FID needs two test rows.
            if (scenario.RealSamples < 2 || scenario.TrainingSamples < 2 || scenario.TestSamples < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(scenario), "Real, training and test sets need at least two samples each.");
            }
            if (scenario.RainShare is < 0 or >= 1)
            {
                throw new ArgumentOutOfRangeException(nameof(scenario), "RainShare must be in [0, 1).");
            }
            scenario.CollectionShares.Validate(nameof(scenario));
        }
    }
}
