namespace DataSelection.Client.Load;

/// <summary>What a load test drives and for how long.</summary>
/// <param name="Students">Students who act: join, lock, run, submit the knee, reflect.</param>
/// <param name="IdleStudents">Students who join and stay connected without acting (the connected-memory target).</param>
/// <param name="Duration">From the first student's start until students stop acting (the ramp is part of it).</param>
/// <param name="Ramp">Students start evenly spread over this time.</param>
/// <param name="RunsPerMinute">How often each active student runs the workbench (think time between actions is 60/R s, jittered).</param>
/// <param name="FreshShare">The share of runs that set a control to a never-used value.</param>
/// <param name="FreshRange">Where those values fall: near the defaults (the default size) or anywhere in the control's range.</param>
/// <param name="HoldCollections">
/// Whether the generator holds off its own garbage collections while it measures (see <see cref="CollectionHold"/>).
/// Process-wide: only for a process that runs one load test at a time, as the command line does.
/// </param>
/// <param name="TimelinePath">Where to write every measured action as CSV (<see cref="LoadTimeline"/>); null writes none.</param>
public sealed record LoadTestSettings(
    Uri Gateway,
    int Students,
    int IdleStudents,
    int Instructors,
    TimeSpan Duration,
    TimeSpan Ramp,
    double RunsPerMinute,
    double FreshShare,
    FreshRange FreshRange = FreshRange.Near,
    bool HoldCollections = false,
    string? TimelinePath = null)
{
    /// <summary>Longest wait for one answer or one pushed result before it counts as a timeout.</summary>
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs on a part before reflecting on it (Part 2 stays within its 10-iteration rule).</summary>
    public const int RunsPerPart = 4;

    public TimeSpan ThinkTime => TimeSpan.FromMinutes(1 / RunsPerMinute);
}
