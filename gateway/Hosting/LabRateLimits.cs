using System.Threading.RateLimiting;
using DataSelection.Gateway.Auth;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.RateLimiting;

namespace DataSelection.Gateway.Hosting;

/// <summary>
/// Generous limits that stop floods, not classes: joins per client address (a classroom behind
/// one NAT shares an address) and runs per student. Configured under <c>DataSelection:RateLimits</c>.
/// </summary>
public static class LabRateLimits
{
    public const string JoinPolicy = "joins";
    public const string RunPolicy = "runs";
    public const string JoinsPerMinuteKey = "DataSelection:RateLimits:JoinsPerMinute";
    public const string RunsPerMinuteKey = "DataSelection:RateLimits:RunsPerMinute";
    public const int DefaultJoinsPerMinute = 1_000;
    public const int DefaultRunsPerMinute = 60;

    public static IServiceCollection AddLabRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var joins = configuration.GetValue(JoinsPerMinuteKey, DefaultJoinsPerMinute);
        var runs = configuration.GetValue(RunsPerMinuteKey, DefaultRunsPerMinute);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                LabMetrics.Reject(RejectionReasons.RateLimited);
                return new ValueTask(LabAuthentication.WriteProblem(context.HttpContext,
                StatusCodes.Status429TooManyRequests, "Too Many Requests", "Too many requests; wait a moment and try again."));
            };
            options.AddPolicy(JoinPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => PerMinute(joins)));
            options.AddPolicy(RunPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.IsAuthenticated == true ? http.User.Student().StudentId : "anonymous",
                _ => PerMinute(runs)));
        });
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}
