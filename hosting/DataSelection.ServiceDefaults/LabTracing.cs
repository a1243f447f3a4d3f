using System.Diagnostics;
using OpenTelemetry.Trace;

namespace DataSelection.ServiceDefaults;

/// <summary>
/// The lab's <c>DataSelection</c> activity source (hub calls here; the silo's simulation and cache spans use the same
/// name) and the one list of sources a trace of the lab is made of.
/// </summary>
public static class LabTracing
{
    public const string SourceName = "DataSelection";

    /// <summary>SignalR's own span per hub call (ASP.NET Core 9+); ours is its child.</summary>
    public const string SignalRSourceName = "Microsoft.AspNetCore.SignalR.Server";

    /// <summary>Orleans grain calls (client and server side of every call) and grain storage.</summary>
    public static readonly IReadOnlyList<string> OrleansSourceNames = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Listens to every source of a lab trace: HTTP in and out, SignalR hub calls, ours, Orleans grain calls and storage.</summary>
    public static TracerProviderBuilder AddLabSources(this TracerProviderBuilder tracing)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing
            .AddSource(SourceName, SignalRSourceName)
            .AddSource([.. OrleansSourceNames])
            .AddAspNetCoreInstrumentation(options =>
                // Scrapes and probes would drown the traces people look for.
                options.Filter = context => !ServiceDefaultsExtensions.IsInfrastructurePath(context.Request.Path))
            .AddHttpClientInstrumentation();
    }
}
