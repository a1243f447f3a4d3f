using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>
/// How far the instructors' pushed dashboards lag behind what students were told is done.
/// </summary>
/// <remarks>
/// The dashboard carries counts, not identities, so staleness is measured on counters that only
/// ever rise, one per part and measure: locked students, runs, reflected students. Every
/// acknowledged lock, run or reflection appends its acknowledgement time to its counter: the i-th
/// acknowledgement (at t) is taken as included in a dashboard once that dashboard's count is at
/// least i. For each instructor, the first pushed dashboard (received at t′) whose count reaches i
/// gives one sample t′ − t. If an instructor already saw a count of i before the i-th
/// acknowledgement reached its student (the session counts a change before the student hears back),
/// the sample is 0: the instructor was not behind. The load test's session holds only simulated
/// students, so every count change is one of theirs; the i-th acknowledgement and the i-th counted
/// change may be different students' actions, which blurs single samples but not the distribution.
/// Acknowledgements no dashboard reached by the end are reported as <c>unseen</c>, not dropped silently.
/// </remarks>
public sealed class DashboardStaleness
{
    /// <summary>What a counter counts in a part's progress.</summary>
    public enum Measure
    {
        Locked,
        Runs,
        Reflected,
    }

    private readonly Counter[] _counters;
    private readonly LatencySeries _samples = new();
    private long _dashboards;

    public DashboardStaleness(int instructors, int parts)
    {
        Instructors = instructors;
        _counters = [.. Enumerable.Range(0, parts * 3).Select(_ => new Counter(instructors))];
        Parts = parts;
    }

    public int Instructors { get; }

    public int Parts { get; }

    public long Dashboards => Interlocked.Read(ref _dashboards);

    /// <summary>A student's action of <paramref name="measure"/> on <paramref name="part"/> was acknowledged at <paramref name="timestamp"/>.</summary>
    public void Acknowledged(int part, Measure measure, long timestamp)
    {
        if (Instructors == 0 || part < 1 || part > Parts)
        {
            return;
        }
        var counter = _counters[Index(part, measure)];
        lock (counter)
        {
            counter.Acknowledgements.Add(timestamp);
            for (var instructor = 0; instructor < Instructors; instructor++)
            {
                counter.Match(instructor, timestamp, _samples);
            }
        }
    }

    /// <summary>Instructor <paramref name="instructor"/> received <paramref name="dashboard"/> at <paramref name="timestamp"/>.</summary>
    public void Received(int instructor, PushedDashboard dashboard, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        Interlocked.Increment(ref _dashboards);
        foreach (var progress in dashboard.Progress)
        {
            if (progress.Part < 1 || progress.Part > Parts)
            {
                continue;
            }
            See(instructor, progress.Part, Measure.Locked, progress.Locked, timestamp);
            See(instructor, progress.Part, Measure.Runs, progress.Runs, timestamp);
            See(instructor, progress.Part, Measure.Reflected, progress.Reflected, timestamp);
        }
    }

    /// <summary>Acknowledgements some instructor has not yet seen in a dashboard.</summary>
    public long Unseen
    {
        get
        {
            long unseen = 0;
            foreach (var counter in _counters)
            {
                lock (counter)
                {
                    for (var instructor = 0; instructor < Instructors; instructor++)
                    {
                        unseen += counter.Acknowledgements.Count - counter.Matched[instructor];
                    }
                }
            }
            return unseen;
        }
    }

    public StalenessSummary Summarize()
    {
        var latency = _samples.Summarize();
        return new StalenessSummary(latency.P50, latency.P95, latency.P99, latency.Max, latency.Count, Unseen, Dashboards);
    }

    private void See(int instructor, int part, Measure measure, int count, long timestamp)
    {
        var counter = _counters[Index(part, measure)];
        lock (counter)
        {
            counter.Seen[instructor] = Math.Max(counter.Seen[instructor], count);
            counter.Match(instructor, timestamp, _samples);
        }
    }

    private static int Index(int part, Measure measure) => (part - 1) * 3 + (int)measure;

    private sealed class Counter(int instructors)
    {
        public List<long> Acknowledgements { get; } = [];

        /// <summary>Per instructor: the highest count a dashboard showed.</summary>
        public int[] Seen { get; } = new int[instructors];

        /// <summary>Per instructor: how many acknowledgements have a sample already.</summary>
        public int[] Matched { get; } = new int[instructors];

        /// <summary>Samples every acknowledgement the instructor's highest count now covers (0 for one acknowledged after it was seen).</summary>
        public void Match(int instructor, long now, LatencySeries samples)
        {
            var covered = Math.Min(Seen[instructor], Acknowledgements.Count);
            for (; Matched[instructor] < covered; Matched[instructor]++)
            {
                var acknowledgedAt = Acknowledgements[Matched[instructor]];
                samples.Add(Math.Max(0, Stopwatch.GetElapsedTime(acknowledgedAt, now).TotalMilliseconds));
            }
        }
    }
}

/// <summary>Dashboard staleness percentiles (ms), how many samples, acknowledgements never seen on a dashboard, and dashboards received.</summary>
public sealed record StalenessSummary(double P50, double P95, double P99, double Max, int Count, long Unseen, long Dashboards);
