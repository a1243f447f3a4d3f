using System.Threading.RateLimiting;
using DataSelection.Contracts.Lab;
using DataSelection.Gateway.Auth;
using DataSelection.Gateway.Hubs;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hosting;

/// <summary>
/// Rate limits on every write (new sessions, joins, runs, locks, knees, reflections) per student, per
/// session and per client address, configured under <c>DataSelection:RateLimits</c> (see
/// <see cref="RateLimitSettings"/>). Over HTTP a refusal is 429 with <c>Retry-After</c>; on the lab
/// hub it is a hub error naming <see cref="LabRule.RateLimited"/>. Both draw on one <see cref="LabRateLimiter"/>.
/// </summary>
public static class LabRateLimits
{
    public static IServiceCollection AddLabRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(RateLimitSettings.From(configuration));
        services.AddSingleton<LabRateLimiter>();
        services.Configure<HubOptions>(hub => hub.AddFilter<HubRateLimitFilter>());
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<LabRateLimiter>((options, limits) =>
            {
                // The limiter outlives every request; the container disposes it.
                options.GlobalLimiter = limits.Limiter.WithTranslatedKey<HttpContext>(CallOf, leaveOpen: true);
                options.OnRejected = (context, _) => new ValueTask(Refuse(context.HttpContext, context.Lease));
            });
        return services.AddRateLimiter(_ => { });
    }

    /// <summary>Marks a route as one of the rate-limited writes.</summary>
    public static RouteHandlerBuilder RateLimited(this RouteHandlerBuilder route, RateLimitedAction action)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.WithMetadata(new RateLimitedAttribute(action));
    }

    private static RateLimitedCall CallOf(HttpContext http) => RateLimitedCall.For(
        http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>()?.Action,
        http.User,
        http.GetRouteValue("code") is string code ? SessionCode.Normalize(code) ?? code : null,
        http.Connection.RemoteIpAddress);

    private static Task Refuse(HttpContext http, RateLimitLease lease)
    {
        LabMetrics.Reject(RejectionReasons.RateLimited);
        var seconds = LabRateLimiter.RetryAfterSeconds(lease);
        var action = http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>()?.Action ?? RateLimitedAction.Write;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = LabRateLimiter.Refusal(action, seconds),
                Extensions = { ["rule"] = nameof(LabRule.RateLimited) },
            },
        }).AsTask();
    }
}
