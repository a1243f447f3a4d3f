using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DataSelection.Gateway.Tests.Telemetry;

/// <summary>One measurement of an instrument on the <c>DataSelection</c> meter, with its tags.</summary>
public sealed record LabMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? Tag(string key) => Tags.GetValueOrDefault(key);
}

/// <summary>
/// Listens to the <c>DataSelection</c> meter while a test acts. Listeners are process-wide, so other tests' measurements
/// arrive too: assertions look for the measurement (instrument and tags) the action must have produced.
/// </summary>
public sealed class LabMeasurements : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<LabMeasurement> received = new();

    public LabMeasurements()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "DataSelection")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    public IReadOnlyList<LabMeasurement> All => [.. received];

    public Task<LabMeasurement> WaitFor(string instrument, Func<LabMeasurement, bool> match, string what) =>
        Eventually.Until(() => Task.FromResult(received.FirstOrDefault(m => m.Instrument == instrument && match(m))), m => m is not null, what)!;

    /// <summary>The sum of an up-down counter's changes matching <paramref name="match"/> since listening began.</summary>
    public double Sum(string instrument, Func<LabMeasurement, bool>? match = null) =>
        received.Where(m => m.Instrument == instrument && (match?.Invoke(m) ?? true)).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value;
        }
        received.Enqueue(new LabMeasurement(instrument.Name, value, copied));
    }
}
