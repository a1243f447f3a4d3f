using System.Globalization;
using DataSelection.Client.Load;
using Spectre.Console;

namespace DataSelection.Client.Output;

/// <summary>A load report as a person reads it: latency per action, dashboard staleness, errors, and both sides' CPU and memory.</summary>
public static class LoadSummaryTable
{
    public static void Write(LoadReport report, TextWriter writer, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(report);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var latency = new Table().Title("latency (ms)")
            .AddColumns("action", "count", "p50", "p95", "p99", "max");
        foreach (var (action, summary) in report.LatencyMs)
        {
            latency.AddRow(action, Number(summary.Count), Ms(summary.P50), Ms(summary.P95), Ms(summary.P99), Ms(summary.Max));
        }
        foreach (var (action, summary) in report.SteadyLatencyMs ?? new Dictionary<string, LatencySummary>())
        {
            latency.AddRow(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{action}, all in (from {report.ClassInS:F1} s)")),
                Number(summary.Count), Ms(summary.P50), Ms(summary.P95), Ms(summary.P99), Ms(summary.Max));
        }
        var staleness = report.DashboardStalenessMs;
        latency.AddRow("dashboard staleness", Number(staleness.Count), Ms(staleness.P50), Ms(staleness.P95), Ms(staleness.P99), Ms(staleness.Max));
        console.Write(latency);

        var usage = new Table().Title("load").AddColumns("", "value");
        usage.AddRow("students (idle) / instructors", Markup.Escape($"{report.Students} ({report.IdleStudents}) / {report.Instructors}"));
        usage.AddRow("never-computed runs asked for", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{report.FreshShare * 100:0.##} % of runs, {(report.FreshRange == "near" ? "near the defaults" : "anywhere in a control's range")}")));
        usage.AddRow("waited for the server's warm-up", Markup.Escape(report.WarmupS is { } warmup
            ? string.Create(CultureInfo.InvariantCulture, $"{warmup:F1} s")
            : "— (none reported)"));
        usage.AddRow("throughput", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{report.Throughput.ActionsPerS:F1} actions/s, {report.Throughput.RunsPerS:F1} runs/s")));
        usage.AddRow("dashboards received / unseen acks", Markup.Escape($"{staleness.Dashboards} / {staleness.Unseen}"));
        usage.AddRow("server CPU / peak memory", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{Optional(report.Server.CpuPercent)} % / {Optional(report.Server.MemoryMb)} MB{(report.Server.Problem is { } p ? $" ({p})" : "")}")));
        usage.AddRow("generator CPU / GCs / memory", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{report.LoadGenerator.CpuPercent:F0} % / {report.LoadGenerator.GcCount} ({report.LoadGenerator.GcPauseMs:F0} ms paused, longest {report.LoadGenerator.GcMaxPauseMs:F0} ms) / {report.LoadGenerator.MemoryMb:F0} MB")));
        usage.AddRow("generator collections held off", Markup.Escape(report.LoadGenerator.GcHeld switch
        {
            null => "no (--generator-gc normal)",
            true => string.Create(CultureInfo.InvariantCulture, $"yes, the whole run ({report.LoadGenerator.GcHoldMb} MB budget)"),
            false when report.LoadGenerator.GcHoldMb == 0 => "no (the runtime refused a no-GC region)",
            false => string.Create(CultureInfo.InvariantCulture, $"until its {report.LoadGenerator.GcHoldMb} MB budget ran out"),
        }));
        foreach (var (kind, count) in report.ErrorsByKind)
        {
            usage.AddRow(Markup.Escape($"error {kind}"), Number(count));
        }
        console.Write(usage);
    }

    private static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Optional(double? value) => value?.ToString("F0", CultureInfo.InvariantCulture) ?? "n/a";
}
