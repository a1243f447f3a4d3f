using System.Text.Json.Serialization;
using DataSelection.Gateway.Api;
using DataSelection.Gateway.Auth;
using DataSelection.Gateway.Hubs;
using DataSelection.Gateway.Push;
using DataSelection.Gateway.Telemetry;
using DataSelection.Grains.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hosting;

/// <summary>The gateway's pieces, each registered in one place so <c>Program.cs</c> reads like a table of contents.</summary>
public static class GatewayServices
{
    /// <summary>Student tokens (key from configuration or the data directory) and the two authentication schemes.</summary>
    public static WebApplicationBuilder AddLabAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(TokenKey.Load(builder.Configuration, LabSiloSettings.From(builder.Configuration).DataDirectory));
        builder.Services.AddLabAuthentication();
        return builder;
    }

    /// <summary>The HTTP API's plumbing: strict JSON (unknown fields refused), ProblemDetails for every error, the student actions.</summary>
    public static IServiceCollection AddLabApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        // Unreadable bodies reach LabProblems as exceptions, so they get a detail instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonForAnyAccept>();
        services.AddExceptionHandler<LabProblems>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StudentActions>();
        return services;
    }

    /// <summary>SignalR hubs and the push path: one observer per kind per process, subscriptions counted and renewed.</summary>
    public static IServiceCollection AddLabPush(this IServiceCollection services)
    {
        // Telemetry first: it times and traces the whole call, refusals by the other filters included.
        services.AddSignalR(hub =>
        {
            hub.AddFilter<HubTelemetryFilter>();
            hub.AddFilter<LabHubFilter>();
        });
        services.AddSingleton<StudentPushRelay>();
        services.AddSingleton<SessionPushRelay>();
        services.AddSingleton<PushSubscriptions>();
        services.AddSingleton<StudentConnections>();
        services.AddHostedService(provider => provider.GetRequiredService<PushSubscriptions>());
        return services;
    }

    /// <summary>Every route of the HTTP API and both hubs.</summary>
    public static WebApplication MapLabEndpoints(this WebApplication app)
    {
        app.MapCatalogEndpoints();
        app.MapSessionEndpoints();
        app.MapStudentEndpoints();
        app.MapInstructorEndpoints();
        app.MapHub<LabHub>("/hubs/lab");
        app.MapHub<InstructorHub>("/hubs/instructor");
        return app;
    }
}
