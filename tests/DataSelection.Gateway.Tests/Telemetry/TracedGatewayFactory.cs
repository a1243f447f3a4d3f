using System.Collections.Concurrent;
using System.Diagnostics;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace DataSelection.Gateway.Tests.Telemetry;

/// <summary>
/// A gateway whose traces go to memory, through the same list of sources the service defaults listen to when OTLP is
/// configured. Activity listeners are process-wide, so spans of other test hosts may arrive too: tests pick theirs by trace.
/// </summary>
public sealed class TracedGatewayFactory : LabGatewayFactory
{
    private readonly ConcurrentQueue<Activity> exported = new();

    public IReadOnlyList<Activity> Spans => [.. exported];

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("DataSelection:Tracing", "true")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddLabSources()
            .AddProcessor(new SimpleActivityExportProcessor(new QueueExporter(exported)))));
    }

    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                spans.Enqueue(activity);
            }
            return ExportResult.Success;
        }
    }
}
