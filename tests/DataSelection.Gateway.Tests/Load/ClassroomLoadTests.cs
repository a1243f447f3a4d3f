using System.Text.Json;
using DataSelection.Client.Load;
using DataSelection.Client.Output;

namespace DataSelection.Gateway.Tests.Load;

/// <summary>The load generator against a real gateway process: a small class produces a whole report.</summary>
public sealed class ClassroomLoadTests
{
    [Fact]
    public async Task A_small_class_against_a_real_gateway_reports_every_field_with_no_errors()
    {
        var data = Directory.CreateTempSubdirectory("ds-load-");
        try
        {
            await using var gateway = await GatewayProcess.Start(data.FullName);
            var settings = new LoadTestSettings(gateway.Address, Students: 10, IdleStudents: 2, Instructors: 2,
                Duration: TimeSpan.FromSeconds(10), Ramp: TimeSpan.FromSeconds(1), RunsPerMinute: 240, FreshShare: 0.1,
                TimelinePath: Path.Combine(data.FullName, "timeline.csv"));

            var report = await new ClassroomLoad(settings).Run(new Progress<(string, double)>(), CancellationToken.None);

            Assert.True(report.Errors == 0, $"errors: {string.Join(", ", report.ErrorsByKind.Select(e => $"{e.Key}={e.Value}"))}");
            Assert.Equal(12, report.LatencyMs[LoadActions.Join].Count);
            Assert.Equal(12, report.LatencyMs[LoadActions.Connect].Count);
            Assert.True(report.LatencyMs[LoadActions.Lock].Count >= 10);
            Assert.True(report.LatencyMs[LoadActions.RunResult].Count > 0);
            Assert.Equal(report.LatencyMs[LoadActions.RunResult].Count,
                report.LatencyMs[LoadActions.RunResultCached].Count + report.LatencyMs[LoadActions.RunResultFresh].Count);
            // Everyone arrived within the 1 s ramp, so most runs count as the class at its full size too.
            Assert.InRange(report.ClassInS!.Value, 0, report.DurationS);
            var steady = report.SteadyLatencyMs![LoadActions.RunResult];
            Assert.InRange(steady.Count, 1, report.LatencyMs[LoadActions.RunResult].Count);
            Assert.Equal(steady.Count,
                report.SteadyLatencyMs[LoadActions.RunResultCached].Count + report.SteadyLatencyMs[LoadActions.RunResultFresh].Count);
            Assert.True(report.DashboardStalenessMs.Count > 0, "no dashboard staleness was measured");
            Assert.True(report.Server.CpuPercent > 0);
            Assert.True(report.Server.MemoryMb > 0);
            Assert.True(report.LoadGenerator.MemoryMb > 0);

            // The timeline has every measured action once, each started within the class.
            var timeline = await File.ReadAllLinesAsync(settings.TimelinePath!);
            Assert.Equal(LoadTimeline.Header, timeline[0]);
            var rows = timeline.Skip(1).Select(line => line.Split(',')).ToList();
            Assert.Equal(report.LatencyMs.Values.Sum(l => l.Count), rows.Count);
            Assert.Equal(report.LatencyMs[LoadActions.RunResultFresh].Count, rows.Count(r => r[0] == LoadActions.RunResultFresh));
            Assert.All(rows, r => Assert.InRange(double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture), 0, report.DurationS));

            using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, JsonOutput.Options));
            var root = json.RootElement;
            foreach (var field in new[] { "students", "instructors", "duration_s", "errors", "errors_by_kind", "latency_ms", "throughput", "dashboard_staleness_ms", "server", "load_generator" })
            {
                Assert.True(root.TryGetProperty(field, out _), $"the report has no {field}");
            }
            foreach (var action in new[] { "join", "lock", "run", "knee", "reflect", "connect", "run_result", "run_result_cached", "run_result_fresh" })
            {
                var latency = root.GetProperty("latency_ms").GetProperty(action);
                foreach (var percentile in new[] { "p50", "p95", "p99", "max", "count" })
                {
                    Assert.True(latency.TryGetProperty(percentile, out _), $"latency_ms.{action} has no {percentile}");
                }
            }
            Assert.True(root.TryGetProperty("class_in_s", out _), "the report has no class_in_s");
            foreach (var action in new[] { "run", "run_result", "run_result_cached", "run_result_fresh" })
            {
                Assert.True(root.GetProperty("steady_latency_ms").GetProperty(action).TryGetProperty("p99", out _), $"steady_latency_ms.{action} has no p99");
            }
            foreach (var (group, fields) in new[]
            {
                ("dashboard_staleness_ms", new[] { "p50", "p95", "p99", "max" }),
                ("server", new[] { "cpu_percent", "memory_mb" }),
                ("load_generator", new[] { "cpu_percent", "gc_count", "memory_mb" }),
                ("throughput", new[] { "actions_per_s", "runs_per_s" }),
            })
            {
                foreach (var field in fields)
                {
                    Assert.True(root.GetProperty(group).TryGetProperty(field, out _), $"{group} has no {field}");
                }
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
