using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// Threads simulations compute on: their own, not the thread pool's, and on Linux at a given CPU
/// priority (a nice value added to the process's). A simulation holds a thread for 10–200 ms; on the pool,
/// two of them would leave a two-core silo without a thread for cached runs, pushes and the hubs until the
/// pool grew. <see cref="SimulationThrottle"/> keeps two sets: calm ones below the serving threads' priority,
/// which still take every idle cycle but give the cores to cached answers when a class is busy, and urgent
/// ones at the serving threads' own priority for simulations students are already waiting on.
/// </summary>
public sealed partial class SimulationThreads : TaskScheduler, IDisposable
{
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);

    private readonly BlockingCollection<Task> _work = [];
    private readonly Thread[] _threads;

    /// <param name="count">Threads: one per simulation that may compute at once.</param>
    /// <param name="nice">Linux nice value added for these threads (0–19); elsewhere ignored.</param>
    /// <param name="name">The threads' names, numbered: <c>simulation-0</c>, …</param>
    public SimulationThreads(int count, int nice, string name = "simulation")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _threads = [.. Enumerable.Range(0, count).Select(i => new Thread(() => Serve(nice))
        {
            IsBackground = true,
            Name = $"{name}-{i}",
        })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="simulation"/> on one of these threads.</summary>
    public Task<T> Run<T>(Func<T> simulation) =>
        Task.Factory.StartNew(simulation, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this);

    public void Dispose()
    {
        _work.CompleteAdding();
        // A simulation still computing (its run cancelled, or a stalled one) ends on its own; its thread is a
        // background thread, so it never holds the process up. The queue is released only once nothing reads it.
        if (_threads.All(thread => thread.Join(ShutdownWait)))
        {
            _work.Dispose();
        }
    }

    protected override void QueueTask(Task task) => _work.Add(task);

    // Never on the caller's thread: that would be a grain's or the pool's.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _work];

    private void Serve(int nice)
    {
        if (nice > 0 && OperatingSystem.IsLinux())
        {
            // On Linux the nice value is per thread: "who" 0 is the calling thread. Lowering it needs no privilege;
            // if it fails anyway, the simulations run at the normal priority.
            _ = SetPriority(PriorityOfProcess, 0, nice);
        }
        foreach (var task in _work.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    private const int PriorityOfProcess = 0;

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
