using Orleans.Dashboard;

namespace DataSelection.Gateway.Ops;

/// <summary>
/// The Orleans Dashboard for ops at <see cref="Path"/>, on the gateway in embedded and client modes, behind the
/// <see cref="OpsKey"/>. With no key configured it is not mapped at all (404) and no silo collects for it.
/// </summary>
public static class OpsDashboard
{
    public const string Path = "/ops/dashboard";

    public static WebApplication MapOpsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var key = OpsKey.From(app.Configuration);
        if (key is null)
        {
            return app;
        }
        app.MapOrleansDashboard(Path)
            .AddEndpointFilter((context, next) => key.Admits(context.HttpContext.Request)
                ? next(context)
                : ValueTask.FromResult<object?>(OpsKey.Challenge(context.HttpContext)))
            .ExcludeFromDescription();
        return app;
    }
}
