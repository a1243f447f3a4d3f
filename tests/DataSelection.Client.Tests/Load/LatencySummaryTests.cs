using DataSelection.Client.Load;

namespace DataSelection.Client.Tests.Load;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Percentiles_of_one_to_a_hundred_are_their_nearest_ranks()
    {
        var summary = LatencySummary.Of([.. Enumerable.Range(1, 100).Select(i => (double)(101 - i))]);

        Assert.Equal(new LatencySummary(50, 95, 99, 100, 100), summary);
    }

    [Fact]
    public void Percentiles_round_the_rank_up_not_down()
    {
        // Ten values: p95 is the 10th (ceil 9.5), p50 the 5th, p99 the 10th.
        var summary = LatencySummary.Of([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);

        Assert.Equal(50, summary.P50);
        Assert.Equal(100, summary.P95);
        Assert.Equal(100, summary.P99);
    }

    [Fact]
    public void A_single_latency_is_every_percentile()
    {
        Assert.Equal(new LatencySummary(7.5, 7.5, 7.5, 7.5, 1), LatencySummary.Of([7.5]));
    }

    [Fact]
    public void Nothing_measured_reports_zeros_and_a_zero_count()
    {
        Assert.Equal(LatencySummary.Empty, LatencySummary.Of([]));
        Assert.Equal(0, LatencySummary.Empty.Count);
    }
}
