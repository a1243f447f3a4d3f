using System.Diagnostics;
using DataSelection.Client.Load;

namespace DataSelection.Client.Tests.Load;

public sealed class DashboardStalenessTests
{
    private static readonly long Second = Stopwatch.Frequency;

    private static PushedDashboard Dashboard(int part, int locked = 0, int runs = 0, int reflected = 0) =>
        new(1, 1, [new PushedPartProgress(part, locked, 0, reflected, runs)]);

    [Fact]
    public void Staleness_is_the_time_from_an_acknowledgement_to_the_first_dashboard_that_counts_it()
    {
        var staleness = new DashboardStaleness(instructors: 1, parts: 3);
        var t = Stopwatch.GetTimestamp();

        staleness.Acknowledged(1, DashboardStaleness.Measure.Locked, t);
        staleness.Received(0, Dashboard(1, locked: 0), t + Second / 10);
        staleness.Received(0, Dashboard(1, locked: 1), t + Second / 4);
        staleness.Received(0, Dashboard(1, locked: 1), t + Second);

        var summary = staleness.Summarize();
        Assert.Equal(1, summary.Count);
        Assert.Equal(250, summary.Max, precision: 3);
        Assert.Equal(0, summary.Unseen);
        Assert.Equal(3, summary.Dashboards);
    }

    [Fact]
    public void An_action_the_instructor_saw_before_the_student_was_told_is_not_stale()
    {
        var staleness = new DashboardStaleness(instructors: 1, parts: 3);
        var t = Stopwatch.GetTimestamp();

        staleness.Received(0, Dashboard(2, runs: 1), t);
        staleness.Acknowledged(2, DashboardStaleness.Measure.Runs, t + Second);

        var summary = staleness.Summarize();
        Assert.Equal(1, summary.Count);
        Assert.Equal(0, summary.Max);
    }

    [Fact]
    public void Each_instructor_is_sampled_and_acknowledgements_no_dashboard_reached_are_unseen()
    {
        var staleness = new DashboardStaleness(instructors: 2, parts: 3);
        var t = Stopwatch.GetTimestamp();

        staleness.Acknowledged(3, DashboardStaleness.Measure.Reflected, t);
        staleness.Acknowledged(3, DashboardStaleness.Measure.Reflected, t);
        staleness.Received(0, Dashboard(3, reflected: 2), t + Second / 2);
        staleness.Received(1, Dashboard(3, reflected: 1), t + Second);

        var summary = staleness.Summarize();
        Assert.Equal(3, summary.Count);
        Assert.Equal(1, summary.Unseen);
        Assert.Equal(1000, summary.Max, precision: 3);
    }
}
