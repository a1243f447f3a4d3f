using System.Runtime;

namespace DataSelection.Client.Load;

/// <summary>
/// Holds off the load generator's own garbage collections while it measures (a no-GC region). With
/// thousands of connections in one process, each collection stopped the generator for 15–150 ms,
/// and every run in flight then looked that much slower: the generator's pauses were being counted
/// as the server's latency. Browsers on their own machines have no such shared pause. The region
/// lasts until the test ends or its budget is spent, whichever comes first; the report says which.
/// </summary>
public sealed class CollectionHold : IDisposable
{
    private const long Megabyte = 1024 * 1024;
    private const long LargestBudget = 4096 * Megabyte;
    private const long SmallestBudget = 64 * Megabyte;

    private CollectionHold(long budgetBytes) => BudgetMb = budgetBytes / Megabyte;

    /// <summary>What the generator may allocate before collecting again; 0 when no region could be started.</summary>
    public long BudgetMb { get; }

    /// <summary>Whether the region still holds: no collection has happened since it started.</summary>
    public bool Holding => BudgetMb > 0 && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>
    /// Starts a region as large as a quarter of the memory available to the process allows (at most
    /// <paramref name="largestBudgetMb"/>, 4 GB unless given), asking for less when the runtime refuses a size;
    /// one collection runs first to make the room.
    /// </summary>
    public static CollectionHold Start(long? largestBudgetMb = null)
    {
        var budget = Math.Min(largestBudgetMb * Megabyte ?? LargestBudget, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
        for (; budget >= SmallestBudget; budget /= 2)
        {
            try
            {
                if (GC.TryStartNoGCRegion(budget))
                {
                    return new CollectionHold(budget);
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // Larger than this runtime allows at once: ask for half.
            }
            catch (InvalidOperationException)
            {
                // Already inside a region (another test in this process): measure without one.
                break;
            }
        }
        return new CollectionHold(0);
    }

    public void Dispose()
    {
        if (Holding)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // A collection ended the region between the check and the call.
            }
        }
    }
}
