using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Workbench;

namespace DataSelection.Grains.Tests.Lab;

public class ProgressPacerTests
{
    [Fact]
    public void Forwards_the_first_update_each_new_stage_the_last_and_otherwise_one_per_interval()
    {
        var clock = new ManualClock();
        var forwarded = new List<SimulationUpdate>();
        var pacer = new ProgressPacer(forwarded.Add, clock);

        // 400 rounds a millisecond apart, as a Part 2 run at a batch of 5 reports them.
        for (var round = 1; round <= 200; round++)
        {
            pacer.Report(new SimulationUpdate("margin", round / 400.0, $"{{\"round\":{round}}}"));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        for (var round = 201; round <= 400; round++)
        {
            pacer.Report(new SimulationUpdate("random", round / 400.0, $"{{\"round\":{round}}}"));
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var rounds = forwarded.Select(u => int.Parse(u.PartialJson!["{\"round\":".Length..^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([1, 101, 201, 301, 400], rounds);
        Assert.Equal(["margin", "margin", "random", "random", "random"], forwarded.Select(u => u.Stage));
    }

    [Fact]
    public void A_slow_run_forwards_every_update()
    {
        var clock = new ManualClock();
        var forwarded = new List<SimulationUpdate>();
        var pacer = new ProgressPacer(forwarded.Add, clock);

        for (var checkpoint = 0; checkpoint < 10; checkpoint++)
        {
            pacer.Report(new SimulationUpdate("icr", checkpoint / 10.0, null));
            clock.Advance(ProgressPacer.Interval);
        }

        Assert.Equal(10, forwarded.Count);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
