using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>
/// The gateway's CPU and memory as its own <c>/metrics</c> reports them (the .NET runtime meter:
/// <c>dotnet_process_cpu_time_seconds_total</c>, <c>dotnet_process_memory_working_set_bytes</c>),
/// scraped before, every few seconds during, and after the run.
/// </summary>
public sealed class ServerUsage(HttpClient http)
{
    private static readonly string[] CpuSeconds = ["dotnet_process_cpu_time_seconds_total", "process_cpu_time_seconds_total"];
    private static readonly string[] WorkingSet = ["dotnet_process_memory_working_set_bytes", "process_memory_usage_bytes"];
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private (long At, double CpuSeconds)? _first;
    private (long At, double CpuSeconds)? _last;
    private double? _memoryBefore;
    private double? _memoryAfter;
    private double _peakMemory;
    private double? _cores;
    private int _samples;
    private string? _problem;

    /// <summary>Scrapes until <paramref name="stop"/> fires, then once more.</summary>
    public async Task Watch(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Period);
        await Scrape().ConfigureAwait(false);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await Scrape().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended: take the last sample below.
        }
        await Scrape().ConfigureAwait(false);
    }

    public ServerReport Report()
    {
        double? cpu = _first is { } first && _last is { } last && last.At > first.At
            ? 100 * (last.CpuSeconds - first.CpuSeconds) / Stopwatch.GetElapsedTime(first.At, last.At).TotalSeconds
            : null;
        return new ServerReport(cpu, _samples == 0 ? null : _peakMemory / Megabyte, _memoryBefore / Megabyte, _memoryAfter / Megabyte, _cores, _samples, _problem);
    }

    private const double Megabyte = 1024 * 1024;

    private async Task Scrape()
    {
        string text;
        try
        {
            using var timeout = new CancellationTokenSource(LoadTestSettings.ActionTimeout);
            text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            _problem = $"/metrics could not be read: {e.Message}";
            return;
        }
        var at = Stopwatch.GetTimestamp();
        var cpu = PrometheusText.FirstOf(text, CpuSeconds);
        var memory = PrometheusText.FirstOf(text, WorkingSet);
        _cores ??= PrometheusText.Sum(text, "dotnet_process_cpu_count");
        if (cpu is null || memory is null)
        {
            _problem = "/metrics has no process CPU time or working set series.";
            return;
        }
        _samples++;
        _first ??= (at, cpu.Value);
        _last = (at, cpu.Value);
        _memoryBefore ??= memory;
        _memoryAfter = memory;
        _peakMemory = Math.Max(_peakMemory, memory.Value);
    }
}

/// <param name="CpuPercent">CPU time over wall time during the run, in percent of one core (a 2-core machine tops out at 200).</param>
/// <param name="MemoryMb">Peak working set seen.</param>
public sealed record ServerReport(double? CpuPercent, double? MemoryMb, double? MemoryMbBefore, double? MemoryMbAfter, double? Cores, int Samples, string? Problem);
