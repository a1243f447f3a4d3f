using DataSelection.Contracts.Lab;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hubs;

/// <summary>A broken lab rule in a hub method reaches the caller as a hub error naming the rule, like the HTTP API's problem detail.</summary>
public sealed class LabHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (LabRuleException exception)
        {
            if (exception.Rule is LabRule.InvalidInput or LabRule.Busy)
            {
                LabMetrics.Reject(exception.Rule == LabRule.Busy ? RejectionReasons.Busy : RejectionReasons.Invalid);
            }
            throw new HubException($"{exception.Rule}: {exception.Message}", exception);
        }
    }
}
