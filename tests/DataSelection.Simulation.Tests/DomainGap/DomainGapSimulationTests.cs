using System.Text.Json;
using DataSelection.Simulation.DomainGap;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.DomainGap;

public class DomainGapSimulationTests
{
    private static readonly DomainGapScenario CloudTitan = TrackCatalog.CloudTitan.DomainGap;

    [Fact]
    public void More_synthetic_without_randomisation_raises_fid_and_lowers_rain_safety()
    {
        var sweep = DomainGapSimulation.Sweep(CloudTitan, randomizationIntensity: 0.0, seed: 7);
        var low = sweep.Points[1];
        var high = sweep.Points[9];
        Assert.Equal(0.1, low.MixRatio, 12);
        Assert.Equal(0.9, high.MixRatio, 12);
        // The simulator's shift and wrong rain put its output several FID units from reality, so 80 more
        // points of synthetic share must raise the training set's FID far beyond sampling noise (~0.05).
        Assert.True(high.TrainingFid > low.TrainingFid + 1.0, $"FID {low.TrainingFid} → {high.TrainingFid}");
        // A drop larger than one binomial standard error of the rain accuracy (≈ 0.02 here).
        Assert.True(high.SafetyAccuracy < low.SafetyAccuracy - sweep.UnchangedTolerance,
            $"rain safety {low.SafetyAccuracy} → {high.SafetyAccuracy}");
        Assert.Equal(SafetyTrend.Degrades, sweep.LockOutcome);
    }

    [Fact]
    public void Randomisation_widens_the_synthetic_coverage_of_real_rain_and_protects_safety()
    {
        var plain = DomainGapSimulation.Run(CloudTitan, new DomainGapParameters(0.9, 0.0, 11));
        var moderate = DomainGapSimulation.Run(CloudTitan, new DomainGapParameters(0.9, 0.6, 11));
        var full = DomainGapSimulation.Run(CloudTitan, new DomainGapParameters(0.9, 1.0, 11));
        // Without randomisation the simulator's rain sits on the wrong feature, so its 95% ellipsoid
        // holds almost no real rain; appearance jitter (sd 2 at full intensity) stretches it over them.
        Assert.True(plain.RainCoverage < 0.05, $"rain coverage without randomisation {plain.RainCoverage}");
        Assert.True(moderate.RainCoverage > plain.RainCoverage, $"rain coverage {plain.RainCoverage} → {moderate.RainCoverage}");
        Assert.True(full.RainCoverage > plain.RainCoverage + 0.3, $"rain coverage {plain.RainCoverage} → {full.RainCoverage}");
        Assert.True(full.RealCoverage > plain.RealCoverage, $"coverage {plain.RealCoverage} → {full.RealCoverage}");
        // Wider coverage teaches the model to discount the rain feature: safety at 90% synthetic rises
        // by more than one binomial standard error of a rain accuracy on this rain test set.
        var rainTests = plain.ConditionAccuracies.Single(c => c.Condition == WeatherCondition.Rain).TestSamples;
        var standardError = Math.Sqrt(plain.SafetyAccuracy * (1 - plain.SafetyAccuracy) / rainTests);
        Assert.True(moderate.SafetyAccuracy > plain.SafetyAccuracy + standardError,
            $"safety {plain.SafetyAccuracy} → {moderate.SafetyAccuracy} (standard error {standardError})");
        // …at the price of spread: fully randomised simulator output is farther from reality in FID.
        Assert.True(full.SyntheticFid > plain.SyntheticFid);
    }

    [Fact]
    public void Every_track_locks_as_degrading_and_has_a_mix_that_meets_the_challenge_at_its_default_intensity()
    {
        foreach (var track in TrackCatalog.All)
        {
            var sweep = DomainGapSimulation.Sweep(track.DomainGap, track.DomainGap.RandomizationIntensity, seed: 42);
            Assert.Equal(SafetyTrend.Degrades, sweep.LockOutcome);
            Assert.NotEmpty(sweep.ChallengeMixRatios);
            Assert.DoesNotContain(0.9, sweep.ChallengeMixRatios);
        }
    }

    [Fact]
    public void A_mix_asking_for_more_real_data_than_exists_trains_on_a_smaller_set()
    {
        var tiny = TrackCatalog.TinyPioneer.DomainGap;
        var result = DomainGapSimulation.Run(tiny, new DomainGapParameters(0.0, 0.3, 1));
        Assert.Equal(tiny.TrainingSamples, result.RequestedRealSamples);
        Assert.Equal(tiny.RealSamples, result.RealTrainingSamples);
        Assert.Equal(0, result.SyntheticTrainingSamples);
    }

    [Fact]
    public void Same_seed_gives_identical_results_and_another_seed_does_not()
    {
        var parameters = new DomainGapParameters(0.4, 0.3, 99);
        var first = JsonSerializer.Serialize(DomainGapSimulation.Run(CloudTitan, parameters));
        var second = JsonSerializer.Serialize(DomainGapSimulation.Run(CloudTitan, parameters));
        var other = JsonSerializer.Serialize(DomainGapSimulation.Run(CloudTitan, parameters with { Seed = 100 }));
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Sweep_reports_every_point_in_order_and_stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var partials = new List<DomainGapResult>();
        var progress = new SynchronousProgress<SimulationProgress<DomainGapResult>>(p =>
        {
            if (p.Stage == "sweep" && p.Partial is { } point)
            {
                partials.Add(point);
                if (partials.Count == 3)
                {
                    cancellation.Cancel();
                }
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DomainGapSimulation.Sweep(CloudTitan, 0.3, 5, progress, cancellation.Token));
        Assert.Equal([0.0, 0.1, 0.2], partials.Select(p => p.MixRatio).ToArray());
    }

    [Fact]
    public void Run_with_a_cancelled_token_throws()
    {
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DomainGapSimulation.Run(CloudTitan, new DomainGapParameters(0.5, 0.3, 1), cancellationToken: new CancellationToken(true)));
    }
}
