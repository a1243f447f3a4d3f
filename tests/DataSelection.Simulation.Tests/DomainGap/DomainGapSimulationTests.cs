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
        // Without randomisation the simulator's rain leans toward brightness, so its 95% ellipsoid
        // holds few real rain samples; appearance jitter (sd 2 at full intensity) stretches it over them.
        Assert.True(plain.RainCoverage < 0.15, $"rain coverage without randomisation {plain.RainCoverage}");
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

    private static readonly ulong[] Seeds = [1, 2, 3, 4, 5];

    [Fact]
    public void Every_track_locks_as_degrading_and_has_a_challenge_band_strictly_inside_the_slider_over_several_seeds()
    {
        foreach (var track in TrackCatalog.All)
        {
            foreach (var seed in Seeds)
            {
                var sweep = DomainGapSimulation.Sweep(track.DomainGap, track.DomainGap.RandomizationIntensity, seed);
                Assert.Equal(SafetyTrend.Degrades, sweep.LockOutcome);
                Assert.Contains(sweep.ChallengeMixRatios, m => m is > 0.05 and < 0.85);
                Assert.DoesNotContain(sweep.ChallengeMixRatios, m => m > 0.85);
            }
        }
    }

    [Fact]
    public void A_field_shaped_synthetic_mix_beats_real_only_when_the_real_collection_is_biased()
    {
        var tiny = TrackCatalog.TinyPioneer.DomainGap;
        var sweeps = Seeds.Select(s => DomainGapSimulation.Sweep(tiny, tiny.RandomizationIntensity, s)).ToArray();
        Assert.All(sweeps, s => Assert.False(s.Points[0].MeetsAccuracyTarget, $"real-only accuracy {s.Points[0].Accuracy}"));
        var realOnly = sweeps.Average(s => s.Points[0].Accuracy);
        var mixed = sweeps.Average(s => s.Points[2].Accuracy);
        // One accuracy on 2000 test rows has a binomial standard error ≈ 0.008; the mean of a paired
        // difference over five seeds ≈ 0.008·√2/√5 ≈ 0.005. Require twice that.
        Assert.True(mixed > realOnly + 0.01, $"accuracy real-only {realOnly} vs 20% synthetic {mixed}");
        // The gain comes from coverage: the simulator renders night, which the day-time collection lacks.
        double Night(DomainGapResult r) => r.ConditionAccuracies.Single(c => c.Condition == WeatherCondition.Night).Accuracy;
        Assert.True(sweeps.Average(s => Night(s.Points[2])) > sweeps.Average(s => Night(s.Points[0])) + 0.05);
        Assert.True(sweeps[0].Points[2].TrainingConditions.Single(c => c.Condition == WeatherCondition.Night).SyntheticSamples
            > sweeps[0].Points[2].TrainingConditions.Single(c => c.Condition == WeatherCondition.Night).RealSamples);

        // Control: an unbiased real collection (field shares) leaves synthetic data no such gain.
        var unbiased = tiny with { RealCollection = null };
        var fair = Seeds.Select(s => DomainGapSimulation.Sweep(unbiased, tiny.RandomizationIntensity, s)).ToArray();
        var fairGain = fair.Average(s => s.Points[2].Accuracy) - fair.Average(s => s.Points[0].Accuracy);
        Assert.True(fairGain < mixed - realOnly, $"gain with unbiased real data {fairGain} vs biased {mixed - realOnly}");
    }

    [Fact]
    public void Tiny_pioneer_accuracy_rises_then_falls_as_the_synthetic_share_grows()
    {
        var tiny = TrackCatalog.TinyPioneer.DomainGap;
        var sweeps = Seeds.Select(s => DomainGapSimulation.Sweep(tiny, tiny.RandomizationIntensity, s)).ToArray();
        var curve = Enumerable.Range(0, sweeps[0].Points.Count).Select(k => sweeps.Average(s => s.Points[k].Accuracy)).ToArray();
        var best = Array.IndexOf(curve, curve.Max());
        // Interior optimum, with both ends below it by more than the ≈ 0.005 noise of a seed-averaged difference.
        Assert.InRange(best, 1, curve.Length - 2);
        Assert.True(curve[best] > curve[0] + 0.01 && curve[best] > curve[^1] + 0.01, string.Join(", ", curve));
    }

    [Fact]
    public void Randomisation_intensity_buys_rain_safety_and_widens_the_gap()
    {
        var tiny = TrackCatalog.TinyPioneer.DomainGap;
        double Mean(double intensity, Func<DomainGapResult, double> metric) =>
            Seeds.Average(s => metric(DomainGapSimulation.Run(tiny, new DomainGapParameters(0.5, intensity, s))));
        // Seed-averaged rain accuracy over ~500 rain test rows per seed: standard error ≈ 0.016/√5 ≈ 0.007.
        Assert.True(Mean(1.0, r => r.SafetyAccuracy) > Mean(0.0, r => r.SafetyAccuracy) + 0.02);
        Assert.True(Mean(1.0, r => r.RainCoverage) > Mean(0.0, r => r.RainCoverage) + 0.3);
        Assert.True(Mean(1.0, r => r.SyntheticFid) > Mean(0.6, r => r.SyntheticFid));
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
    public void Runs_on_a_shared_world_answer_exactly_what_runs_on_their_own_world_answer()
    {
        // A seed no other test uses: the first run generates the world, the others reuse it.
        var parameters = new DomainGapParameters(0.35, 0.45, 20261126);
        double[] mixes = [0.35, 0.0, 0.8, 1.0, 0.35];

        var shared = mixes.Select(mix => JsonSerializer.Serialize(DomainGapSimulation.Run(CloudTitan, parameters with { MixRatio = mix }))).ToList();
        var alone = mixes.Select(mix => JsonSerializer.Serialize(DomainGapSimulation.RunUnshared(CloudTitan, parameters with { MixRatio = mix }))).ToList();

        Assert.Equal(alone, shared);
        Assert.NotEqual(shared[0], shared[1]);
        Assert.NotEqual(alone[0], JsonSerializer.Serialize(DomainGapSimulation.RunUnshared(CloudTitan, parameters with { RandomizationIntensity = 0.5 })));
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
