using System.Diagnostics;
using DataSelection.Client.Load;

namespace DataSelection.Client.Tests.Load;

public sealed class LoadRecorderTests
{
    private static long Ms(long at, double milliseconds) => at + (long)(milliseconds * Stopwatch.Frequency / 1000);

    [Fact]
    public void Only_runs_asked_for_once_the_class_is_all_in_count_as_steady()
    {
        var recorder = new LoadRecorder();
        const long t0 = 1_000_000_000;
        recorder.Succeeded(LoadActions.RunResultCached, t0, Ms(t0, 400));

        recorder.ClassIn(Ms(t0, 1_000));
        recorder.Succeeded(LoadActions.RunResultCached, Ms(t0, 999), Ms(t0, 1_300));
        recorder.Succeeded(LoadActions.RunResultCached, Ms(t0, 1_000), Ms(t0, 1_010));
        recorder.Succeeded(LoadActions.RunResultCached, Ms(t0, 2_000), Ms(t0, 2_030));
        recorder.Succeeded(LoadActions.Lock, Ms(t0, 2_000), Ms(t0, 2_100));

        var whole = recorder.Summaries()[LoadActions.RunResultCached];
        var steady = recorder.SteadySummaries();
        Assert.Equal(4, whole.Count);
        Assert.Equal(400, whole.Max, 6);
        Assert.Equal(2, steady[LoadActions.RunResultCached].Count);
        Assert.Equal(30, steady[LoadActions.RunResultCached].Max, 6);
        Assert.Equal(0, steady[LoadActions.RunResultFresh].Count);
        Assert.DoesNotContain(LoadActions.Lock, steady.Keys);
    }

    [Fact]
    public void Nothing_is_steady_before_the_class_is_all_in_and_the_first_mark_stays()
    {
        var recorder = new LoadRecorder();
        const long t0 = 1_000_000_000;
        recorder.Succeeded(LoadActions.RunResult, Ms(t0, 5_000), Ms(t0, 5_010));
        Assert.Equal(0, recorder.SteadySummaries()[LoadActions.RunResult].Count);

        recorder.ClassIn(Ms(t0, 6_000));
        recorder.ClassIn(Ms(t0, 9_000));
        Assert.Equal(Ms(t0, 6_000), recorder.ClassInAt);
        recorder.Succeeded(LoadActions.RunResult, Ms(t0, 7_000), Ms(t0, 7_010));
        Assert.Equal(1, recorder.SteadySummaries()[LoadActions.RunResult].Count);
    }

    [Fact]
    public async Task The_timeline_lists_every_success_in_order_of_start_in_seconds_into_the_class()
    {
        var timeline = new LoadTimeline();
        var recorder = new LoadRecorder(timeline);
        const long t0 = 1_000_000_000;
        recorder.Succeeded(LoadActions.RunResultFresh, Ms(t0, 2_500), Ms(t0, 2_620));
        recorder.Succeeded(LoadActions.Join, Ms(t0, 10), Ms(t0, 80));
        recorder.Failed("run:Busy");

        using var csv = new StringWriter();
        await timeline.WriteCsv(csv, t0, CancellationToken.None);

        Assert.Equal(
            [LoadTimeline.Header, "join,0.010,70.0", "run_result_fresh,2.500,120.0"],
            csv.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
