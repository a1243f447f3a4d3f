using DataSelection.Simulation.Icr;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Simulation.Tests.Icr;

public class IronLawTests
{
    [Fact]
    public void Training_time_is_data_time_plus_compute_time_plus_latency()
    {
        var law = new IronLaw(DataBytes: 2e12, BandwidthBytesPerSecond: 1e10, Operations: 8e20, PeakFlops: 1e15, Utilization: 0.5, LatencySeconds: 30);
        Assert.Equal(200, law.DataSeconds, 1e-9);
        Assert.Equal(1.6e6, law.ComputeSeconds, 1e-6);
        Assert.Equal(200 + 1.6e6 + 30, law.TotalSeconds, 1e-6);
    }

    [Fact]
    public void Halving_the_operations_saves_exactly_what_doubling_peak_speed_saves()
    {
        var track = TrackCatalog.CloudTitan;
        var baseline = IronLaw.ForTraining(track.Dedup, track.Prices, flops: 6.3e24, dataBytes: 6e13);
        var halfTheWork = baseline with { Operations = baseline.Operations / 2 };
        var twiceThePeak = baseline with { PeakFlops = baseline.PeakFlops * 2 };
        Assert.Equal(twiceThePeak.ComputeSeconds, halfTheWork.ComputeSeconds, 1e-9 * baseline.ComputeSeconds);
        Assert.Equal(baseline.ComputeSeconds / 2, halfTheWork.ComputeSeconds, 1e-9 * baseline.ComputeSeconds);
    }

    [Fact]
    public void Peak_speed_is_the_whole_cluster_at_the_track_price_sheet()
    {
        var track = TrackCatalog.CloudTitan;
        var law = IronLaw.ForTraining(track.Dedup, track.Prices, flops: 1e24, dataBytes: 1e12);
        Assert.Equal(track.Prices.GpuPeakFlops * track.Dedup.TrainingAccelerators, law.PeakFlops);
        Assert.Equal(track.Prices.GpuUtilization, law.Utilization);
        // Compute time on one accelerator equals the price sheet's accelerator-hours.
        Assert.Equal(track.Prices.GpuHoursFor(1e24), law.ComputeSeconds * track.Dedup.TrainingAccelerators / 3600, 1e-9 * track.Prices.GpuHoursFor(1e24));
    }
}
