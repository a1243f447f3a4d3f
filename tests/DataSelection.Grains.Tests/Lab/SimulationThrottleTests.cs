using System.Diagnostics.Metrics;
using DataSelection.Contracts.Lab;
using DataSelection.Grains.Workbench;
using Microsoft.Extensions.Options;

namespace DataSelection.Grains.Tests.Lab;

[Trait("Category", "Security")]
public sealed class SimulationThrottleTests
{
    [Fact]
    public async Task A_full_queue_refuses_a_fresh_simulation_as_Busy_with_a_retry_estimate_and_takes_it_once_there_is_room()
    {
        using var throttle = Throttle(slots: 1, maxQueued: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = await Hold(throttle, release.Task);
        var queued = Task.Run(() => throttle.Run(() => 2, CancellationToken.None));
        await Eventually.True(() => throttle.Queued == 1);

        var busy = await Assert.ThrowsAsync<LabRuleException>(() => throttle.Run(() => 3, CancellationToken.None));

        Assert.Equal(LabRule.Busy, busy.Rule);
        Assert.True(busy.RetryAfterSeconds >= 1);
        Assert.Contains($"retry in {busy.RetryAfterSeconds} s", busy.Message, StringComparison.Ordinal);
        release.SetResult();
        Assert.Equal(1, await running);
        Assert.Equal(2, await queued);
        Assert.Equal(3, await throttle.Run(() => 3, CancellationToken.None));
        Assert.Equal(0, throttle.Queued);
    }

    [Fact]
    public async Task Measurements_of_the_labs_outcomes_wait_even_when_the_queue_is_full()
    {
        using var throttle = Throttle(slots: 1, maxQueued: 0);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = await Hold(throttle, release.Task);
        await Assert.ThrowsAsync<LabRuleException>(() => throttle.Run(() => 2, CancellationToken.None));

        var measurement = Task.Run(() => throttle.RunMeasurement(() => 4, CancellationToken.None));
        await Eventually.True(() => throttle.Queued == 1);

        release.SetResult();
        Assert.Equal(4, await measurement);
        Assert.Equal(1, await running);
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(1, 9, 2)]
    [InlineData(1, 49, 10)]
    [InlineData(4, 49, 3)]
    public void The_retry_estimate_is_the_time_per_simulation_times_the_simulations_ahead_over_the_slots(int slots, int waiting, int seconds)
    {
        // Before any simulation has finished the estimate is 0.2 s a simulation (a Part 1 run).
        using var throttle = Throttle(slots, maxQueued: 100);

        Assert.Equal(seconds, throttle.RetryAfterSeconds(waiting));
    }

    [Fact]
    public async Task The_queue_length_is_published_as_a_gauge_on_the_DataSelection_meter()
    {
        using var throttle = Throttle(slots: 1, maxQueued: 2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = await Hold(throttle, release.Task);
        var queued = Task.Run(() => throttle.Run(() => 2, CancellationToken.None));
        await Eventually.True(() => throttle.Queued == 1);
        var observed = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "DataSelection" && instrument.Name == "dataselection.simulation.queued")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => observed.Add(value));
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Contains(observed, value => value >= 1);
        release.SetResult();
        await Task.WhenAll(running, queued);
    }

    [Fact]
    public async Task Background_work_waits_while_every_slot_is_taken_by_students_and_never_counts_against_their_queue()
    {
        using var throttle = Throttle(slots: 1, maxQueued: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = await Hold(throttle, release.Task);
        var backgroundRan = 0;

        var background = Task.Run(() => throttle.RunInBackground(() => Interlocked.Increment(ref backgroundRan), CancellationToken.None));
        // The student queue still has its one place: the background work is not in it.
        var queued = Task.Run(() => throttle.Run(() => 2, CancellationToken.None));
        await Eventually.True(() => throttle.Queued == 1);
        Assert.Equal(0, Volatile.Read(ref backgroundRan));

        release.SetResult();
        Assert.Equal(2, await queued);
        Assert.Equal(1, await background);
        Assert.Equal(1, await running);
        Assert.Equal(0, throttle.Queued);
    }

    [Fact]
    public async Task Background_work_gives_way_to_a_student_who_is_waiting_when_a_slot_frees()
    {
        using var throttle = Throttle(slots: 1, maxQueued: 4);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = await Hold(throttle, release.Task);
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var background = Task.Run(() => throttle.RunInBackground(() => { order.Enqueue("background"); return 0; }, CancellationToken.None));
        var student = Task.Run(() => throttle.Run(() => { order.Enqueue("student"); return 0; }, CancellationToken.None));
        await Eventually.True(() => throttle.Queued == 1);

        release.SetResult();
        await Task.WhenAll(running, background, student);

        Assert.Equal(["student", "background"], order);
    }

    [Fact]
    public async Task Simulations_compute_on_their_own_threads_below_the_serving_threads_priority()
    {
        using var throttle = new SimulationThrottle(Options.Create(new SimulationQueueOptions { Slots = 1, Nice = 7 }));

        var (name, pooled, nice) = await throttle.Run(() => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread, NiceOfThisThread()), CancellationToken.None);
        var (backgroundName, _, backgroundNice) = await throttle.RunInBackground(() => (Thread.CurrentThread.Name, false, NiceOfThisThread()), CancellationToken.None);

        Assert.StartsWith("simulation-", name, StringComparison.Ordinal);
        Assert.False(pooled);
        Assert.StartsWith("simulation-", backgroundName, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(NiceOfThisThread() + 7, nice);
            Assert.Equal(nice, backgroundNice);
        }
    }

    [Fact]
    public async Task A_simulation_students_are_already_waiting_on_computes_at_the_serving_threads_priority()
    {
        using var throttle = new SimulationThrottle(Options.Create(new SimulationQueueOptions { Slots = 1, Nice = 7, MaxQueued = 4 }));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(() => throttle.Run(
            () =>
            {
                started.SetResult();
                release.Task.Wait();
                return (Thread.CurrentThread.Name, NiceOfThisThread());
            },
            CancellationToken.None));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = Task.Run(() => throttle.Run(() => (Thread.CurrentThread.Name, NiceOfThisThread()), CancellationToken.None));
        await Eventually.True(() => throttle.Queued == 1);
        var third = Task.Run(() => throttle.Run(() => (Thread.CurrentThread.Name, NiceOfThisThread()), CancellationToken.None));
        await Eventually.True(() => throttle.Queued == 2);

        release.SetResult();
        var (firstName, firstNice) = await first;
        var (secondName, secondNice) = await second;
        await third;
        // Nobody waits now: the next one computes below the serving threads again.
        var (aloneName, aloneNice) = await throttle.Run(() => (Thread.CurrentThread.Name, NiceOfThisThread()), CancellationToken.None);

        // The first found the slot free and nobody behind it; the second had waited, with the third behind it.
        Assert.Equal("simulation-0", firstName);
        Assert.Equal("simulation-urgent-0", secondName);
        Assert.Equal("simulation-0", aloneName);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(NiceOfThisThread() + 7, firstNice);
            Assert.Equal(NiceOfThisThread(), secondNice);
            Assert.Equal(firstNice, aloneNice);
        }
    }

    [Fact]
    public async Task With_nice_zero_there_is_one_set_of_simulation_threads()
    {
        using var throttle = new SimulationThrottle(Options.Create(new SimulationQueueOptions { Slots = 1, Nice = 0, MaxQueued = 4 }));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = await Hold(throttle, release.Task);
        var waiting = Task.Run(() => throttle.Run(() => Thread.CurrentThread.Name, CancellationToken.None));
        await Eventually.True(() => throttle.Queued == 1);

        release.SetResult();

        Assert.Equal(1, await running);
        Assert.Equal("simulation-0", await waiting);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, -1)]
    public void A_queue_without_a_slot_or_with_a_negative_bound_is_refused_before_the_silo_starts(int? slots, int? maxQueued)
    {
        var result = new SimulationQueueOptionsValidator().Validate(null, new SimulationQueueOptions { Slots = slots, MaxQueued = maxQueued });

        Assert.True(result.Failed);
        Assert.Contains("DataSelection:Simulation:", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Warm_up_steps_outside_zero_to_four_are_refused_before_the_silo_starts(int steps)
    {
        var result = new SimulationQueueOptionsValidator().Validate(null, new SimulationQueueOptions { WarmupSteps = steps });

        Assert.True(result.Failed);
        Assert.Contains("DataSelection:Simulation:WarmupSteps", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_a_silo_computes_one_simulation_per_core_but_one_and_queues_sixteen_per_slot()
    {
        var options = new SimulationQueueOptions();
        var slots = Math.Max(1, Environment.ProcessorCount - 1);

        Assert.Equal(slots, options.SlotCount);
        Assert.Equal(16 * slots, options.QueueBound);
    }

    /// <summary>The calling thread's nice value (field 19 of /proc/thread-self/stat; 0 off Linux).</summary>
    private static int NiceOfThisThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // Fields after the command name, which is in parentheses and may hold spaces, start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SimulationThrottle Throttle(int slots, int maxQueued) =>
        new(Options.Create(new SimulationQueueOptions { Slots = slots, MaxQueued = maxQueued }));

    /// <summary>Starts a simulation that holds its slot until <paramref name="release"/> completes; returns once it holds it.</summary>
    private static async Task<Task<int>> Hold(SimulationThrottle throttle, Task release)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(() => throttle.Run(
            () =>
            {
                started.SetResult();
                release.Wait();
                return 1;
            },
            CancellationToken.None));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return running;
    }
}
