using System.Collections.Immutable;
using System.Globalization;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;

namespace DataSelection.Grains.Sessions;

/// <summary>Aggregates a session's roster into the instructor's view: counts and histograms, never one row per student.</summary>
public static class DashboardBuilder
{
    private const int PercentBuckets = 10;

    /// <summary>What each part's outcome distribution measures.</summary>
    private static readonly string[] OutcomeMeasures = ["FLOPs saved (%)", "knee score", "accuracy on real data (%)"];

    public static DashboardSnapshot Build(
        string code,
        SessionState state,
        long sequence,
        DateTimeOffset now,
        IReadOnlyDictionary<(string Track, int Part), MeasuredOutcome> measured)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(measured);
        var roster = state.Roster;
        var stuck = roster.Where(r => !r.Finished && now - r.LastProgressAt >= SessionRules.StuckAfter)
            .OrderBy(r => r.LastProgressAt)
            .ToList();
        return new DashboardSnapshot(
            code,
            state.Title,
            sequence,
            now,
            roster.Count,
            [.. state.Pacing],
            [.. Enumerable.Range(1, LabCatalog.PartCount).Select(part => Progress(part, roster))],
            [.. Enumerable.Range(1, LabCatalog.PartCount).Select(part => Predictions(part, roster, measured))],
            [.. Enumerable.Range(1, LabCatalog.PartCount).Select(part => Outcomes(part, roster))],
            [.. LabCatalog.Tracks.Select(track =>
            {
                var onTrack = roster.Where(r => r.Track == track.Id).ToList();
                return new TrackBreakdown(track.Id, onTrack.Count,
                    [.. Enumerable.Range(1, LabCatalog.PartCount).Select(part => Progress(part, onTrack))]);
            })],
            stuck.Count,
            [.. stuck.Take(SessionRules.StuckListed).Select(r => Entry(r, state.Pacing))]);
    }

    public static RosterEntry Entry(RosterRecord record, IReadOnlyList<PartPacing> pacing)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(pacing);
        return new RosterEntry(
            record.StudentId,
            record.Name,
            record.Track,
            record.JoinedAt,
            record.LastProgressAt,
            [.. Enumerable.Range(0, LabCatalog.PartCount).Select(i => Status(record, i, pacing[i].Open))],
            record.Runs.Sum());
    }

    private static string Status(RosterRecord record, int index, bool open) =>
        record.Reflected[index] ? PartStatus.Reflected
        : !open ? PartStatus.Closed
        : record.Runs[index] > 0 ? PartStatus.Working
        : record.Predictions[index] is not null ? PartStatus.Locked
        : PartStatus.Open;

    private static PartProgress Progress(int part, IReadOnlyCollection<RosterRecord> roster)
    {
        var i = part - 1;
        return new PartProgress(
            part,
            roster.Count(r => r.Predictions[i] is not null),
            roster.Count(r => r.Runs[i] > 0 && !r.Reflected[i]),
            roster.Count(r => r.Reflected[i]),
            roster.Sum(r => r.Runs[i]));
    }

    private static PredictionHistogram Predictions(
        int part,
        IReadOnlyCollection<RosterRecord> roster,
        IReadOnlyDictionary<(string Track, int Part), MeasuredOutcome> measured)
    {
        var shape = LabCatalog.Parts[part - 1].Prediction;
        var locked = roster.Select(r => r.Predictions[part - 1]).OfType<Prediction>().ToList();
        var buckets = shape.Kind == PredictionShape.Percent
            ? PercentHistogram(locked.Select(p => p.Value ?? 0))
            : [.. shape.Choices!.Select(choice => new HistogramBucket(choice, locked.Count(p => p.Choice == choice)))];
        return new PredictionHistogram(
            part,
            buckets,
            [.. measured.Where(m => m.Key.Part == part).Select(m => m.Value).OrderBy(m => m.Track, StringComparer.Ordinal)]);
    }

    private static OutcomeDistribution Outcomes(int part, IReadOnlyCollection<RosterRecord> roster)
    {
        var values = roster.Select(r => r.Outcomes[part - 1]).OfType<double>().ToList();
        return new OutcomeDistribution(
            part,
            OutcomeMeasures[part - 1],
            PercentHistogram(values),
            values.Count,
            values.Count == 0 ? null : values.Average());
    }

    /// <summary>Ten buckets over 0–100 (100 falls in the last).</summary>
    private static ImmutableArray<HistogramBucket> PercentHistogram(IEnumerable<double> values)
    {
        var counts = new int[PercentBuckets];
        foreach (var value in values)
        {
            counts[Math.Clamp((int)(value / (100.0 / PercentBuckets)), 0, PercentBuckets - 1)]++;
        }
        var width = 100 / PercentBuckets;
        return [.. counts.Select((count, i) => new HistogramBucket(
            string.Create(CultureInfo.InvariantCulture, $"{i * width}–{(i + 1) * width}"), count))];
    }
}
