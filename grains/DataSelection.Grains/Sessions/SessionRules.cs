namespace DataSelection.Grains.Sessions;

/// <summary>Timing rules of a live session: how often the instructor's view is pushed and when a student counts as stuck.</summary>
public static class SessionRules
{
    /// <summary>At most four dashboard pushes a second: live to the eye, cool for the grain at 10,000 students.</summary>
    public static readonly TimeSpan DashboardPushInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often a session writes changes no caller waited for (run counts) and retries a failed write. Every
    /// write carries the whole roster (about 150 bytes a student), so at 2,000 students writing it each second
    /// took a tenth of the silo's CPU; run counts are also in each student's own durable record, and a count
    /// lost in a crash heals on that student's next run.
    /// </summary>
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most time between the starts of two session writes. A write carries the whole roster (300 KB at 2,000
    /// students), and a class locking or reflecting at once would otherwise write it hundreds of times a second;
    /// spaced, everything that arrives within the spacing shares one write (a caller waits at most this much longer).
    /// </summary>
    public static readonly TimeSpan WriteSpacing = TimeSpan.FromMilliseconds(250);

    /// <summary>Students whose roster takes the full <see cref="WriteSpacing"/>; smaller classes space their writes less.</summary>
    public const int StudentsAtFullSpacing = 2_000;

    /// <summary>
    /// The spacing of a session's writes for a roster of <paramref name="students"/>: proportional to the roster's
    /// size, so a session writes about the same bytes a second at any size (≈ 1.2 MB/s) and a class of 200 waits
    /// 25 ms for its lock's write, not the 250 ms a class of 2,000 shares.
    /// </summary>
    public static TimeSpan WriteSpacingFor(int students) =>
        WriteSpacing * Math.Clamp((double)students / StudentsAtFullSpacing, 0.0, 1.0);

    /// <summary>A student with no transition for this long, and not finished, is shown as stuck.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(5);

    /// <summary>How many stuck students the dashboard lists by name (the count covers all).</summary>
    public const int StuckListed = 20;

    /// <summary>Observers not re-registered within this time are dropped (their gateway is gone).</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    public const int MaxRosterPageSize = 200;
}
