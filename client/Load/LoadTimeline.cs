using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace DataSelection.Client.Load;

/// <summary>
/// Every measured action with when it started, for <c>loadtest --timeline</c>: the report's percentiles say how
/// long the tail is, the timeline says when in the class it happened (the ramp, a part opening, the end).
/// </summary>
public sealed class LoadTimeline
{
    public const string Header = "action,start_s,latency_ms";

    private readonly ConcurrentQueue<(string Action, long StartedAt, double Milliseconds)> _entries = new();

    public void Add(string action, long startedAt, double milliseconds) => _entries.Enqueue((action, startedAt, milliseconds));

    /// <summary>Writes one CSV line per action in order of start, each start in seconds since <paramref name="origin"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public async Task WriteCsv(TextWriter writer, long origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
        foreach (var (action, startedAt, milliseconds) in _entries.OrderBy(e => e.StartedAt))
        {
            var start = (startedAt - origin) / (double)Stopwatch.Frequency;
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{action},{start:F3},{milliseconds:F1}").AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }
}
