using System.Collections.Concurrent;
using System.Reflection;
using DataSelection.Contracts.Lab;
using DataSelection.Gateway.Hosting;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hubs;

/// <summary>
/// Hub methods marked <see cref="RateLimitedAttribute"/> draw on the same budgets as their HTTP routes:
/// a hub connection is one HTTP request, so the rate-limiting middleware never sees its invocations.
/// A refusal is a hub error naming <see cref="LabRule.RateLimited"/> and the wait.
/// </summary>
public sealed class HubRateLimitFilter(LabRateLimiter limits) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, RateLimitedAction?> Actions = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var action = Actions.GetOrAdd(invocationContext.HubMethod, method => method.GetCustomAttribute<RateLimitedAttribute>()?.Action);
        if (action is { } limited)
        {
            var hub = invocationContext.Context;
            var call = RateLimitedCall.For(limited, hub.User, null, hub.GetHttpContext()?.Connection.RemoteIpAddress);
            using var lease = limits.Limiter.AttemptAcquire(call);
            if (!lease.IsAcquired)
            {
                LabMetrics.Reject(RejectionReasons.RateLimited);
                throw new HubException($"{LabRule.RateLimited}: {LabRateLimiter.Refusal(limited, LabRateLimiter.RetryAfterSeconds(lease))}");
            }
        }
        return await next(invocationContext).ConfigureAwait(false);
    }
}
