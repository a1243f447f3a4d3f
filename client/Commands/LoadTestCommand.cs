using System.CommandLine;
using System.Globalization;
using DataSelection.Client.Load;
using DataSelection.Client.Output;

namespace DataSelection.Client.Commands;

/// <summary>
/// <c>dataselection loadtest</c>: a class of simulated students (real WebSocket hub connections plus
/// the HTTP API) and instructors watching the dashboard, against a running gateway; reports latency
/// percentiles per action, run → pushed result, dashboard staleness, errors, throughput, and both
/// the server's and the generator's CPU and memory.
/// </summary>
public static class LoadTestCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The gateway to drive, e.g. http://127.0.0.1:5080", Required = true };
        url.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                result.AddError($"--url must be an absolute http or https address; got \"{text}\".");
            }
        });
        var students = CliOptions.WholeNumber("--students", "Students who act: join, lock, run, knee, reflect", 200, 0, 100_000);
        var idle = CliOptions.WholeNumber("--idle-students", "Students who join and stay connected without acting", 0, 0, 100_000);
        var instructors = CliOptions.WholeNumber("--instructors", "Instructors watching the live dashboard", 1, 0, 100);
        var duration = CliOptions.Duration("--duration", "How long students act, ramp included", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeSpan.FromHours(4));
        var ramp = CliOptions.Duration("--ramp", "Students start evenly spread over this time", TimeSpan.FromSeconds(20), TimeSpan.Zero, TimeSpan.FromHours(1));
        var runsPerMinute = CliOptions.Number("--runs-per-minute", "Workbench runs per active student per minute", 60, 0.1, 6_000);
        var freshShare = CliOptions.Number("--fresh-share", "Share of runs with never-computed settings", 0.01, 0, 1);
        var freshRange = CliOptions.Choice("--fresh-range", "Where never-computed values fall (near: between the default's slider steps, the default size; anywhere: a control's whole range)", "near", "near", "anywhere");
        var generatorGc = CliOptions.Choice("--generator-gc", "hold: the generator holds off its own garbage collections while it measures, so its pauses are not counted as the server's latency; normal: it collects as usual", "hold", "hold", "normal");
        var timeline = new Option<string?>("--timeline")
        {
            Description = "Also write every measured action as CSV (action, start_s: seconds into the class, latency_ms) to this file: when in the class the tail happened",
        };
        timeline.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string?>();
            string? folder;
            try
            {
                folder = string.IsNullOrWhiteSpace(path) ? null : Path.GetDirectoryName(Path.GetFullPath(path));
            }
            catch (ArgumentException)
            {
                folder = null;
            }
            if (folder is null || !Directory.Exists(folder))
            {
                result.AddError($"--timeline must name a file in a folder that exists; got \"{path}\".");
            }
        });
        var output = CliOptions.Output();
        var command = new Command("loadtest", "Drive a live classroom through a running gateway and report latency, dashboard staleness, errors and resource use")
        {
            url, students, idle, instructors, duration, ramp, runsPerMinute, freshShare, freshRange, generatorGc, timeline, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            if (parse.GetValue(students) + parse.GetValue(idle) == 0)
            {
                throw new ArgumentException("Give --students or --idle-students (or both) more than 0.");
            }
            var settings = new LoadTestSettings(
                new Uri(parse.GetRequiredValue(url)),
                parse.GetValue(students),
                parse.GetValue(idle),
                parse.GetValue(instructors),
                parse.GetValue(duration),
                parse.GetValue(ramp),
                parse.GetValue(runsPerMinute),
                parse.GetValue(freshShare),
                parse.GetValue(freshRange) == "anywhere" ? FreshRange.Anywhere : FreshRange.Near,
                HoldCollections: parse.GetValue(generatorGc) == "hold",
                TimelinePath: parse.GetValue(timeline) is { } path ? Path.GetFullPath(path) : null);
            var load = new ClassroomLoad(settings);
            var report = await ProgressDisplay.RunAsync(
                "loadtest",
                context.Interactive,
                (progress, token) => load.Run(new Simulation.Progress.SynchronousProgress<(string Stage, double Fraction)>(p => progress(p.Stage, p.Fraction)), token)
                    .GetAwaiter().GetResult(),
                cancellationToken).ConfigureAwait(false);
            var destination = parse.GetRequiredValue(output);
            await JsonOutput.WriteAsync(report, destination, context.Out, cancellationToken).ConfigureAwait(false);
            var summary = CommandRunner.SummaryWriter(context, destination);
            LoadSummaryTable.Write(report, summary, context.Interactive);
            var run = report.LatencyMs;
            var allIn = report.SteadyLatencyMs is { } steady
                ? string.Create(CultureInfo.InvariantCulture, $"; all in from {report.ClassInS:F0} s: {steady[LoadActions.RunResultCached].P99:F0} / {steady[LoadActions.RunResultFresh].P99:F0} ms")
                : "";
            await summary.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{report.Students} students ({report.IdleStudents} idle), {report.Instructors} instructors, {report.DurationS:F0} s: {report.Errors} errors, {report.Throughput.RunsPerS:F0} runs/s, run → result p99 {run[LoadActions.RunResult].P99:F0} ms (cached / fresh {run[LoadActions.RunResultCached].P99:F0} / {run[LoadActions.RunResultFresh].P99:F0} ms{allIn}), dashboard staleness p99 {report.DashboardStalenessMs.P99:F0} ms")).ConfigureAwait(false);
        }));
        return command;
    }
}
