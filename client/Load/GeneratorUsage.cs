using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>
/// The load generator's own CPU, collections and memory over the run, so a reader can tell whether it,
/// not the server, was the limit; started with <c>holdCollections</c>, it also holds off the generator's
/// collections while it measures (<see cref="CollectionHold"/>).
/// </summary>
public sealed class GeneratorUsage(bool holdCollections) : IDisposable
{
    // First: the region's opening collection is not part of the run.
    private readonly CollectionHold? _hold = holdCollections ? CollectionHold.Start() : null;
    private readonly GcPauses _pauses = new();
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpuAtStart = CpuTime();
    private readonly int _collectionsAtStart = GC.CollectionCount(0);
    private readonly int _fullCollectionsAtStart = GC.CollectionCount(2);
    private readonly TimeSpan _pausedAtStart = GC.GetTotalPauseDuration();
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes();

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public GeneratorReport Report()
    {
        using var process = Process.GetCurrentProcess();
        var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        return new GeneratorReport(
            100 * (process.TotalProcessorTime - _cpuAtStart).TotalSeconds / wall,
            GC.CollectionCount(0) - _collectionsAtStart,
            GC.CollectionCount(2) - _fullCollectionsAtStart,
            (GC.GetTotalPauseDuration() - _pausedAtStart).TotalMilliseconds,
            _pauses.LongestMs,
            (GC.GetTotalAllocatedBytes() - _allocatedAtStart) / (1024.0 * 1024.0) / wall,
            process.PeakWorkingSet64 / (1024.0 * 1024.0),
            System.Runtime.GCSettings.IsServerGC,
            _hold?.BudgetMb ?? 0,
            _hold is null ? null : _hold.Holding);
    }

    public void Dispose()
    {
        _pauses.Dispose();
        _hold?.Dispose();
    }
}

/// <param name="CpuPercent">In percent of one core.</param>
/// <param name="GcCount">Collections of any generation during the run.</param>
/// <param name="GcPauseMs">All collection pauses together.</param>
/// <param name="GcMaxPauseMs">The longest single pause: runs in flight then look that much slower.</param>
/// <param name="AllocatedMbPerS">What it allocated, per second: what makes it collect.</param>
/// <param name="MemoryMb">Peak working set.</param>
/// <param name="GcHoldMb">The no-collection region's budget; 0 when collections were not held off.</param>
/// <param name="GcHeld">Whether that region lasted the whole run (null: none was asked for); false means its budget ran out and collections resumed.</param>
public sealed record GeneratorReport(
    double CpuPercent, int GcCount, int Gen2Count, double GcPauseMs, double GcMaxPauseMs, double AllocatedMbPerS, double MemoryMb, bool ServerGc,
    long GcHoldMb, bool? GcHeld);
