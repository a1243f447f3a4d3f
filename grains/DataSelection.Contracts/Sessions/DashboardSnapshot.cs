using DataSelection.Contracts.Lab;
using System.Collections.Immutable;

namespace DataSelection.Contracts.Sessions;

/// <summary>
/// The instructor's live view of a session, aggregated (never one entry per student except the
/// short list of stuck ones); pushed at most a few times a second with a rising sequence number.
/// </summary>
/// <param name="Sequence">Rises by one with every snapshot the session publishes; a gap means a missed update.</param>
[GenerateSerializer, Immutable, Alias("ds.DashboardSnapshot")]
public sealed record DashboardSnapshot(
    [property: Id(0)] string Code,
    [property: Id(1)] string Title,
    [property: Id(2)] long Sequence,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Joined,
    [property: Id(5)] ImmutableArray<PartPacing> Pacing,
    [property: Id(6)] ImmutableArray<PartProgress> Progress,
    [property: Id(7)] ImmutableArray<PredictionHistogram> Predictions,
    [property: Id(8)] ImmutableArray<OutcomeDistribution> Outcomes,
    [property: Id(9)] ImmutableArray<TrackBreakdown> Tracks,
    [property: Id(10)] int StuckCount,
    [property: Id(11)] ImmutableArray<RosterEntry> Stuck);

/// <summary>How many students are at each stage of a part.</summary>
[GenerateSerializer, Immutable, Alias("ds.PartProgress")]
public sealed record PartProgress(
    [property: Id(0)] int Part,
    [property: Id(1)] int Locked,
    [property: Id(2)] int Working,
    [property: Id(3)] int Reflected,
    [property: Id(4)] int Runs);

/// <summary>One bar of a histogram.</summary>
[GenerateSerializer, Immutable, Alias("ds.HistogramBucket")]
public sealed record HistogramBucket([property: Id(0)] string Label, [property: Id(1)] int Count);

/// <summary>The class's locked predictions for a part, beside the simulated outcome per track (once measured).</summary>
[GenerateSerializer, Immutable, Alias("ds.PredictionHistogram")]
public sealed record PredictionHistogram(
    [property: Id(0)] int Part,
    [property: Id(1)] ImmutableArray<HistogramBucket> Buckets,
    [property: Id(2)] ImmutableArray<MeasuredOutcome> Measured);

/// <summary>What students' runs reached on a part (Part 1: FLOPs saved %, Part 2: knee score, Part 3: accuracy %).</summary>
[GenerateSerializer, Immutable, Alias("ds.OutcomeDistribution")]
public sealed record OutcomeDistribution(
    [property: Id(0)] int Part,
    [property: Id(1)] string Measure,
    [property: Id(2)] ImmutableArray<HistogramBucket> Buckets,
    [property: Id(3)] int Count,
    [property: Id(4)] double? Mean);

/// <summary>Students and progress on one track.</summary>
[GenerateSerializer, Immutable, Alias("ds.TrackBreakdown")]
public sealed record TrackBreakdown(
    [property: Id(0)] string Track,
    [property: Id(1)] int Students,
    [property: Id(2)] ImmutableArray<PartProgress> Progress);

/// <summary>A page of the roster.</summary>
[GenerateSerializer, Immutable, Alias("ds.RosterPage")]
public sealed record RosterPage(
    [property: Id(0)] int Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] ImmutableArray<RosterEntry> Entries);
