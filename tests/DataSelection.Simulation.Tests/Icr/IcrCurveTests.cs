using System.Text.Json;
using DataSelection.Simulation.Costs;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Icr;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.Icr;

public class IcrCurveTests
{
    private static readonly RedundantCorpusMaker Maker = new();
    private static readonly ComputePrices Prices = TrackCatalog.CloudTitan.Prices;
    private static readonly DedupScenario Scenario = TrackCatalog.CloudTitan.Dedup with { IcrCheckpoints = 6 };

    private static IcrCurveResult Measure(RedundantCorpus corpus, bool[]? kept = null, IProgress<SimulationProgress<IcrCheckpoint>>? progress = null, CancellationToken cancellationToken = default) =>
        IcrCurve.Measure(corpus.Training, kept ?? corpus.Kept, corpus.HeldOut, corpus.VocabularySize, Scenario, Prices, progress, cancellationToken);

    private static RedundantCorpus Redundant(ulong seed) =>
        Maker.Make(seed, documents: 600, redundancy: 0.5, editRate: 0.03, heldOut: 60);

    [Fact]
    public void A_curve_is_bit_identical_whether_its_count_tables_start_small_or_where_a_bigger_run_on_the_thread_left_them()
    {
        var corpus = Redundant(3);
        string OnFreshThread(Action? before)
        {
            string? json = null;
            var thread = new Thread(() =>
            {
                before?.Invoke();
                json = JsonSerializer.Serialize(Measure(corpus));
            });
            thread.Start();
            thread.Join();
            return json!;
        }

        var fromSmall = OnFreshThread(null);
        var afterBigger = OnFreshThread(() => Measure(Maker.Make(4, documents: 2_400, redundancy: 0.2, editRate: 0.05, heldOut: 60)));

        Assert.Equal(fromSmall, afterBigger);
    }

    [Fact]
    public void Training_flops_are_six_times_parameters_times_scaled_tokens()
    {
        var result = Measure(Redundant(1));
        var scale = Scenario.NotionalTrainingTokens / result.RawTokens;
        foreach (var point in result.Raw.Concat(result.Deduplicated))
        {
            var expected = 6.0 * Scenario.ModelParameters * point.Tokens * scale;
            Assert.Equal(expected, point.TrainingFlops, Math.Max(1e-12 * expected, 0));
        }
        // The whole raw stream stands for the whole notional corpus.
        Assert.Equal(6.0 * Scenario.ModelParameters * Scenario.NotionalTrainingTokens, result.RawFlops, 1e-12 * result.RawFlops);
    }

    [Fact]
    public void Removing_a_fraction_of_tokens_cuts_flops_by_exactly_that_fraction()
    {
        var result = Measure(Redundant(2));
        var removed = 1.0 - (double)result.KeptTokens / result.RawTokens;
        Assert.InRange(removed, 0.3, 0.7);
        Assert.Equal(removed, result.RemovedTokenFraction, 1e-12);
        Assert.Equal(removed, result.Savings.Fraction, 1e-12);
        Assert.Equal(result.RawFlops * (1 - removed), result.DeduplicatedFlops, 1e-9 * result.RawFlops);
        Assert.Equal(Prices.GpuCostFor(result.RawFlops - result.DeduplicatedFlops), result.Savings.Dollars, 1e-9 * result.Savings.Dollars);
        Assert.Equal(1.0 / (1.0 - removed), result.ReferenceIcrGain!.Value, 1e-12);
        Assert.Equal(1.0 / (1.0 - removed), result.EquivalentPeakSpeedup!.Value, 1e-9);
    }

    [Fact]
    public void Exact_repeats_add_flops_but_little_information()
    {
        // Same token budget: 400 unique documents, or 200 unique documents seen twice.
        var unique = Maker.Documents(seed: 3, count: 400);
        var repeated = unique.Take(200).Concat(unique.Take(200)).ToArray();
        var heldOut = Maker.Documents(seed: 4, count: 60);
        var everything = Enumerable.Repeat(true, 400).ToArray();
        var fresh = IcrCurve.Measure(unique, everything, heldOut, Maker.VocabularySize, Scenario with { IcrCheckpoints = 2 }, Prices);
        var repeats = IcrCurve.Measure(repeated, everything, heldOut, Maker.VocabularySize, Scenario with { IcrCheckpoints = 2 }, Prices);

        Assert.Equal(fresh.RawFlops, repeats.RawFlops);
        Assert.True(repeats.Raw[^1].CumulativeIcr < fresh.Raw[^1].CumulativeIcr);
        // Both runs are identical for the first half. A repeat brings no bigram the model has not
        // seen, so at best it sharpens counts it already has; fresh documents add new bigrams. The
        // second half must teach the repeated run less than a fifth of what it teaches the fresh run.
        Assert.Equal(fresh.Raw[1].HeldOutLoss, repeats.Raw[1].HeldOutLoss);
        var freshGain = fresh.Raw[2].LearningProgress - fresh.Raw[1].LearningProgress;
        var repeatGain = repeats.Raw[2].LearningProgress - repeats.Raw[1].LearningProgress;
        Assert.True(freshGain > 0.05, $"fresh gain {freshGain}");
        Assert.True(repeatGain < freshGain / 5, $"repeat gain {repeatGain} vs fresh {freshGain}");
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    [InlineData(14UL)]
    [InlineData(15UL)]
    public void Deduplicating_a_redundant_corpus_never_lowers_icr(ulong seed)
    {
        var result = Measure(Redundant(seed));
        for (var k = 1; k < result.Raw.Count; k++)
        {
            var raw = result.Raw[k].CumulativeIcr!.Value;
            var deduplicated = result.Deduplicated[k].CumulativeIcr!.Value;
            Assert.True(deduplicated >= raw, $"checkpoint {k}: deduplicated ICR {deduplicated} < raw {raw}");
        }
        Assert.True(result.MeasuredIcrGain > 1.0);
    }

    [Fact]
    public void Measured_icr_gain_is_the_reference_gain_times_the_information_retained()
    {
        var result = Measure(Redundant(21));
        // ICR_d/ICR_r = (I_d/I_r)·(F_r/F_d) and F_r/F_d = 1/(1 − f): the book's 1/(1 − f) assumes I_d = I_r.
        Assert.Equal(result.InformationRetained!.Value * result.ReferenceIcrGain!.Value, result.MeasuredIcrGain!.Value, 1e-9);
        // Near-copies carry little new information: deduplication keeps most of what the raw run learns.
        Assert.InRange(result.InformationRetained.Value, 0.9, 1.1);
    }

    [Fact]
    public void Keeping_every_document_gives_the_raw_curve_and_no_gain()
    {
        var corpus = Redundant(22);
        var result = Measure(corpus, Enumerable.Repeat(true, corpus.Training.Length).ToArray());
        Assert.Equal(result.Raw, result.Deduplicated);
        Assert.Equal(1.0, result.MeasuredIcrGain);
        Assert.Equal(0.0, result.Savings.Flops);
    }

    [Fact]
    public void Checkpoints_are_evenly_spaced_in_raw_tokens_and_end_at_the_whole_stream()
    {
        var corpus = Redundant(23);
        var result = Measure(corpus);
        Assert.Equal(Scenario.IcrCheckpoints + 1, result.Raw.Count);
        Assert.Equal(0, result.Raw[0].Tokens);
        Assert.Equal(0, result.Deduplicated[0].Tokens);
        for (var k = 1; k <= Scenario.IcrCheckpoints; k++)
        {
            // Checkpoint k lands on the first document boundary at or past k/K of the raw tokens.
            var target = (double)k * result.RawTokens / Scenario.IcrCheckpoints;
            var point = result.Raw[k];
            Assert.InRange(point.Tokens, target, target + corpus.Training[point.Documents - 1].Length);
            var keptSoFar = corpus.Training.Take(point.Documents).Where((_, i) => corpus.Kept[i]).ToArray();
            Assert.Equal(keptSoFar.Length, result.Deduplicated[k].Documents);
            Assert.Equal(keptSoFar.Sum(d => (long)d.Length), result.Deduplicated[k].Tokens);
        }
        Assert.Equal(result.RawTokens, result.Raw[^1].Tokens);
        Assert.Equal(result.KeptTokens, result.Deduplicated[^1].Tokens);
    }

    [Fact]
    public void Untrained_origin_has_loss_log_V_and_no_progress()
    {
        var result = Measure(Redundant(24));
        Assert.Equal(Math.Log(Maker.VocabularySize), result.UntrainedLoss, 1e-15);
        Assert.Equal(result.UntrainedLoss, result.Raw[0].HeldOutLoss, 1e-12);
        Assert.Equal(0.0, result.Raw[0].LearningProgress, 1e-12);
        Assert.Null(result.Raw[0].CumulativeIcr);
        Assert.Null(result.Raw[0].MarginalIcr);
        Assert.True(result.Raw[^1].HeldOutLoss < result.UntrainedLoss - 1.0);
    }

    [Fact]
    public void Same_inputs_give_bit_identical_results_that_serialize_to_json()
    {
        var first = JsonSerializer.Serialize(Measure(Redundant(31)));
        var second = JsonSerializer.Serialize(Measure(Redundant(31)));
        Assert.Equal(first, second);
        Assert.NotEqual(first, JsonSerializer.Serialize(Measure(Redundant(32))));
    }

    [Theory]
    [InlineData("cloud-titan")]
    [InlineData("edge-guardian")]
    [InlineData("mobile-nomad")]
    [InlineData("tiny-pioneer")]
    public void Every_track_prices_the_curve_in_its_own_units(string trackId)
    {
        var track = TrackCatalog.Find(trackId)!;
        var corpus = Redundant(61);
        var result = IcrCurve.Measure(corpus.Training, corpus.Kept, corpus.HeldOut, corpus.VocabularySize, track.Dedup, track.Prices);
        Assert.Equal(track.Dedup.IcrCheckpoints + 1, result.Raw.Count);
        Assert.Equal(6.0 * track.Dedup.ModelParameters * track.Dedup.NotionalTrainingTokens, result.RawFlops, 1e-12 * result.RawFlops);
        Assert.Equal(track.Prices.GpuHoursFor(result.Savings.Flops), result.Savings.GpuHours, 1e-12 * result.Savings.GpuHours);
        Assert.True(result.DeduplicatedTrainingTime.TotalSeconds < result.RawTrainingTime.TotalSeconds);
        // System.Text.Json refuses NaN and Infinity, so this also proves every number is finite.
        Assert.Contains("\"MeasuredIcrGain\"", JsonSerializer.Serialize(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_reports_each_checkpoint_of_both_runs_in_order()
    {
        var reports = new List<SimulationProgress<IcrCheckpoint>>();
        var result = Measure(Redundant(41), progress: new SynchronousProgress<SimulationProgress<IcrCheckpoint>>(reports.Add));
        Assert.Equal(Scenario.IcrCheckpoints + 1, reports.Count);
        for (var k = 0; k < reports.Count; k++)
        {
            Assert.Equal((double)k / Scenario.IcrCheckpoints, reports[k].Fraction);
            Assert.Equal(k, reports[k].Partial!.Index);
            Assert.Equal(result.Raw[k], reports[k].Partial!.Raw);
            Assert.Equal(result.Deduplicated[k], reports[k].Partial!.Deduplicated);
        }
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        var corpus = Redundant(51);
        using var cancellation = new CancellationTokenSource();
        var reports = 0;
        var progress = new SynchronousProgress<SimulationProgress<IcrCheckpoint>>(report =>
        {
            reports++;
            if (report.Partial!.Index == 2)
            {
                cancellation.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => Measure(corpus, progress: progress, cancellationToken: cancellation.Token));
        Assert.Equal(3, reports);
        Assert.ThrowsAny<OperationCanceledException>(() => Measure(corpus, cancellationToken: cancellation.Token));
    }
}
