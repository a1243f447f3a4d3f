using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// Paces one run's progress on its way to the student's page: the first update, every change of stage,
/// the last one (fraction 1) and otherwise at most one update per <see cref="Interval"/>. A Part 2 run at a
/// batch of 5 reports hundreds of rounds in a fraction of a second; each would be a grain call and a
/// push to every tab, for a chart the run's result redraws whole a moment later anyway.
/// </summary>
public sealed class ProgressPacer(Action<SimulationUpdate> forward, TimeProvider time)
{
    /// <summary>Ten updates a second: a chart that moves smoothly, without a message per round.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private long _lastForwarded;
    private string? _lastStage;
    private bool _started;

    public void Report(SimulationUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var now = time.GetTimestamp();
        var due = !_started
            || !string.Equals(update.Stage, _lastStage, StringComparison.Ordinal)
            || update.Fraction >= 1.0
            || time.GetElapsedTime(_lastForwarded, now) >= Interval;
        if (!due)
        {
            return;
        }
        _started = true;
        _lastStage = update.Stage;
        _lastForwarded = now;
        forward(update);
    }
}
