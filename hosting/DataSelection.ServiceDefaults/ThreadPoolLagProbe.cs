using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace DataSelection.ServiceDefaults;

/// <summary>
/// Measures how long work waits for a thread: every <see cref="Interval"/> a dedicated thread queues a tiny
/// work item on the thread pool, which records how long it took to start. Every hub call, grain turn and push
/// runs on that pool, so a stall here (the machine's cores busy, threads blocked) is a stall for everyone,
/// whatever it is doing: the process's equivalent of an event-loop lag.
/// </summary>
public sealed class ThreadPoolLagProbe : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var thread = new Thread(() => Probe(stoppingToken)) { IsBackground = true, Name = "threadpool-lag-probe" };
        thread.Start();
        return Task.CompletedTask;
    }

    private static void Probe(CancellationToken stoppingToken)
    {
        var waiting = 0;
        // WaitOne returns true once the host stops: nothing here throws on shutdown.
        while (!stoppingToken.WaitHandle.WaitOne(Interval))
        {
            // While a probe still waits for a thread, sending more would only add to the queue it measures.
            if (Interlocked.CompareExchange(ref waiting, 1, 0) != 0)
            {
                continue;
            }
            var queuedAt = Stopwatch.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(
                at =>
                {
                    LabMetrics.ThreadPoolLag.Record(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    Volatile.Write(ref waiting, 0);
                },
                queuedAt,
                preferLocal: false);
        }
    }
}
