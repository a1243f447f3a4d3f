using System.Diagnostics.Tracing;

namespace DataSelection.Client.Load;

/// <summary>
/// The load generator's own collection pauses, one by one, from the runtime's GC events: while the
/// generator is paused, every run it is timing looks that much slower, so the longest pause is the
/// floor under any latency it reports at that moment.
/// </summary>
public sealed class GcPauses : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int SuspendBegin = 9;
    private const int RestartEnd = 3;

    private readonly Lock _gate = new();
    private DateTime? _suspendedAt;
    private double _longestMs;

    /// <summary>The longest pause so far, in milliseconds.</summary>
    public double LongestMs
    {
        get
        {
            lock (_gate)
            {
                return _longestMs;
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        lock (_gate)
        {
            switch (eventData.EventId)
            {
                case SuspendBegin:
                    _suspendedAt = eventData.TimeStamp;
                    break;
                case RestartEnd when _suspendedAt is { } suspended:
                    _longestMs = Math.Max(_longestMs, (eventData.TimeStamp - suspended).TotalMilliseconds);
                    _suspendedAt = null;
                    break;
            }
        }
    }
}
