using System.Diagnostics;

namespace DataSelection.Client.Load;

/// <summary>
/// A whole class against a running gateway: an instructor creates a session and opens every part,
/// M instructors watch the live dashboard, N students join and work through the lab over real
/// WebSocket hub connections and the HTTP API, K idle students stay connected; then the report.
/// </summary>
public sealed class ClassroomLoad(LoadTestSettings settings)
{
    /// <summary>How long to wait after the students stop for dashboards that still carry their last actions.</summary>
    private static readonly TimeSpan DashboardGrace = TimeSpan.FromSeconds(3);

    public async Task<LoadReport> Run(IProgress<(string Stage, double Fraction)> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        SizeThreadPool(settings.Students + settings.IdleStudents);
        using var http = new GatewayHttp(settings.Gateway, LoadTestSettings.ActionTimeout);
        progress.Report(("session", 0));
        var catalog = await http.Catalog(cancellationToken).ConfigureAwait(false);
        var session = await http.CreateSession("Load test", cancellationToken).ConfigureAwait(false);
        foreach (var part in catalog.Parts)
        {
            await http.OpenPart(session, part.Number, cancellationToken).ConfigureAwait(false);
        }
        progress.Report(("warm-up", 0.01));
        double? warmup;
        using (var warmupHttp = new HttpClient { BaseAddress = settings.Gateway })
        {
            warmup = await ServerWarmup.WaitFor(warmupHttp, null, cancellationToken).ConfigureAwait(false);
        }
        var timeline = settings.TimelinePath is null ? null : new LoadTimeline();
        var recorder = new LoadRecorder(timeline);
        var staleness = new DashboardStaleness(settings.Instructors, catalog.Parts.Count);
        var load = new LoadContext(settings, http, catalog, session, recorder, staleness);

        var instructors = Enumerable.Range(0, settings.Instructors).Select(i => new WatchingInstructor(load, i)).ToList();
        var students = Enumerable.Range(0, settings.Students + settings.IdleStudents).Select(i => new SimulatedStudent(load, i)).ToList();
        try
        {
            await Task.WhenAll(instructors.Select(i => i.Connect(cancellationToken))).ConfigureAwait(false);
            using var metricsHttp = new HttpClient { BaseAddress = settings.Gateway };
            var server = new ServerUsage(metricsHttp);
            using var stopMeasuring = new CancellationTokenSource();
            var watching = server.Watch(stopMeasuring.Token);
            using var generator = new GeneratorUsage(settings.HoldCollections);

            progress.Report(("class", 0.05));
            var classStart = Stopwatch.GetTimestamp();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(settings.Duration);
            var all = students.Count;
            var arrived = 0;
            void Arrived()
            {
                if (Interlocked.Increment(ref arrived) == all)
                {
                    recorder.ClassIn(Stopwatch.GetTimestamp());
                }
            }
            var working = students.Select((student, i) => Attend(student, i, all, i < settings.Students, Arrived, stop.Token)).ToList();
            using (var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1)))
            {
                var done = Task.WhenAll(working);
                while (!done.IsCompleted)
                {
                    await Task.WhenAny(done, ticker.WaitForNextTickAsync(cancellationToken).AsTask()).ConfigureAwait(false);
                    progress.Report(("class", 0.05 + 0.9 * Math.Min(1, Stopwatch.GetElapsedTime(classStart) / settings.Duration)));
                }
                await done.ConfigureAwait(false);
            }
            var seconds = Stopwatch.GetElapsedTime(classStart).TotalSeconds;
            var classInAt = recorder.ClassInAt;
            double? classInS = classInAt == 0 ? null : Stopwatch.GetElapsedTime(classStart, classInAt).TotalSeconds;
            cancellationToken.ThrowIfCancellationRequested();

            progress.Report(("last dashboards", 0.96));
            var graceUntil = Stopwatch.GetTimestamp() + (long)(DashboardGrace.TotalSeconds * Stopwatch.Frequency);
            while (staleness.Unseen > 0 && Stopwatch.GetTimestamp() < graceUntil)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            var generatorReport = generator.Report();
            await stopMeasuring.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);

            if (timeline is not null)
            {
                await using var file = new StreamWriter(settings.TimelinePath!);
                await timeline.WriteCsv(file, classStart, cancellationToken).ConfigureAwait(false);
            }
            var latency = recorder.Summaries();
            var actions = LoadActions.StudentActions.Sum(recorder.CountOf);
            return new LoadReport(
                settings.Students,
                settings.IdleStudents,
                settings.Instructors,
                seconds,
                settings.RunsPerMinute,
                settings.FreshShare,
                session.Code,
                recorder.ErrorCount,
                recorder.ErrorsByKind(),
                latency,
                new ThroughputReport(actions / seconds, recorder.CountOf(LoadActions.Run) / seconds),
                staleness.Summarize(),
                server.Report(),
                generatorReport,
                warmup,
                settings.FreshRange.ToString().ToLowerInvariant(),
                classInS is null ? null : recorder.SteadySummaries(),
                classInS);
        }
        finally
        {
            progress.Report(("disconnect", 0.98));
            await Task.WhenAll(students.Select(s => s.DisposeAsync().AsTask()).Concat(instructors.Select(i => i.DisposeAsync().AsTask()))).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Student <paramref name="index"/> of <paramref name="count"/> starts at its share of the ramp, arrives (then calls
    /// <paramref name="arrived"/>, whether or not it got in), and acts (or idles) until the end.
    /// </summary>
    private async Task Attend(SimulatedStudent student, int index, int count, bool active, Action arrived, CancellationToken stop)
    {
        try
        {
            await Task.Delay(settings.Ramp * ((double)index / count), stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var inClass = await student.Arrive(stop).ConfigureAwait(false);
        arrived();
        if (!inClass)
        {
            return;
        }
        if (active)
        {
            await student.Work(stop).ConfigureAwait(false);
            return;
        }
        // An idle student stays connected until the test ends.
        await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Enough threads at once for a burst of callbacks, so the generator never waits for the pool to grow.</summary>
    private static void SizeThreadPool(int connections)
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        var wanted = Math.Clamp(connections / 50, Environment.ProcessorCount * 8, 512);
        ThreadPool.SetMinThreads(Math.Max(workers, wanted), Math.Max(completions, wanted));
    }
}
