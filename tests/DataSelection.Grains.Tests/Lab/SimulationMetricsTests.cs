using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DataSelection.Grains.Tests.Lab;

[Collection(ClusterCollection.Name)]
public class SimulationMetricsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_computed_run_records_its_simulation_time_by_part()
    {
        var measurements = new ConcurrentQueue<(double Milliseconds, object? Part)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "DataSelection" && instrument.Name == "dataselection.simulation.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            measurements.Enqueue((value, tags.ToArray().FirstOrDefault(t => t.Key == "part").Value)));
        listener.Start();
        var session = await Classroom.NewSession(fixture.Grains);
        var student = await Classroom.Join(fixture.Grains, session, "Ada", "mobile-nomad");
        await student.LockChoice(3, "degrades");

        await student.Workbench(3).Run(Classroom.Part3(mix: 0.65));

        Assert.Contains(measurements, m => m.Part is 3 && m.Milliseconds > 0);
    }
}
