using System.CommandLine;
using System.Globalization;
using DataSelection.Client.Load;
using DataSelection.Client.Output;

namespace DataSelection.Client.Commands;

/// <summary><c>dataselection loadtest</c>: N simulated students through a running gateway's HTTP API, with latency percentiles.</summary>
public static class LoadTestCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The gateway to drive, e.g. http://localhost:5000", Required = true };
        url.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                result.AddError($"--url must be an absolute http or https address; got \"{text}\".");
            }
        });
        var students = CliOptions.WholeNumber("--students", "Simulated students acting at once", 200, 1, 100_000);
        var freshRuns = CliOptions.WholeNumber("--fresh-runs", "Runs with never-computed settings, one after another", 20, 0, 1_000);
        var think = CliOptions.Number("--think", "Mean seconds a student pauses between actions", 1.0, 0.0, 600.0);
        var ramp = CliOptions.Number("--ramp", "Seconds over which students start", 5.0, 0.0, 3_600.0);
        var output = CliOptions.Output();
        var command = new Command("loadtest", "Drive a classroom through a running gateway and report latency percentiles per action")
        {
            url, students, freshRuns, think, ramp, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1_024 })
            {
                BaseAddress = new Uri(parse.GetRequiredValue(url)),
                Timeout = TimeSpan.FromMinutes(2),
            };
            var load = new ClassroomLoad(http, parse.GetValue(students), parse.GetValue(freshRuns),
                TimeSpan.FromSeconds(parse.GetValue(think)), TimeSpan.FromSeconds(parse.GetValue(ramp)));
            var report = await ProgressDisplay.RunAsync(
                "loadtest",
                context.Interactive,
                (progress, token) => load.Run(new Simulation.Progress.SynchronousProgress<(string Stage, double Fraction)>(p => progress(p.Stage, p.Fraction)), token)
                    .GetAwaiter().GetResult(),
                cancellationToken).ConfigureAwait(false);
            var destination = parse.GetRequiredValue(output);
            await JsonOutput.WriteAsync(report, destination, context.Out, cancellationToken).ConfigureAwait(false);
            var summary = CommandRunner.SummaryWriter(context, destination);
            foreach (var (action, latency) in report.LatencyMs)
            {
                await summary.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{action,-12} n={latency.Count,5}  p50 {latency.P50,8:F1} ms  p95 {latency.P95,8:F1} ms  p99 {latency.P99,8:F1} ms  max {latency.Max,8:F1} ms")).ConfigureAwait(false);
            }
            await summary.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{report.Students} students, {report.Errors} errors, {report.Seconds:F1} s")).ConfigureAwait(false);
        }));
        return command;
    }
}
