using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>The load generator's own CPU, collections and memory over the run, so a reader can tell whether it, not the server, was the limit.</summary>
public sealed class GeneratorUsage
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpuAtStart = CpuTime();
    private readonly int _collectionsAtStart = GC.CollectionCount(0);
    private readonly int _fullCollectionsAtStart = GC.CollectionCount(2);
    private readonly TimeSpan _pausedAtStart = GC.GetTotalPauseDuration();

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
            process.PeakWorkingSet64 / (1024.0 * 1024.0),
            System.Runtime.GCSettings.IsServerGC);
    }
}

/// <param name="CpuPercent">In percent of one core.</param>
/// <param name="GcCount">Collections of any generation during the run.</param>
/// <param name="MemoryMb">Peak working set.</param>
public sealed record GeneratorReport(double CpuPercent, int GcCount, int Gen2Count, double GcPauseMs, double MemoryMb, bool ServerGc);
