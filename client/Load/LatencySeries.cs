namespace DataSelection.Client.Load;

/// <summary>The latencies of one action, in milliseconds, added from many students at once.</summary>
public sealed class LatencySeries
{
    private readonly Lock _gate = new();
    private readonly List<double> _milliseconds = new(1_024);

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _milliseconds.Count;
            }
        }
    }

    public LatencySummary Summarize()
    {
        double[] copy;
        lock (_gate)
        {
            copy = [.. _milliseconds];
        }
        return LatencySummary.Of(copy);
    }
}
