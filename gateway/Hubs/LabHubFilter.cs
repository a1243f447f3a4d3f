using DataSelection.Contracts.Lab;
using DataSelection.Gateway.Api;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hubs;

/// <summary>
/// A broken lab rule in a hub method reaches the caller as a hub error naming the rule, like the
/// HTTP API's problem detail. Refusals are answers, not failures, so only unexpected errors are
/// logged here (SignalR's own dispatcher would log every refusal as an error: its category is
/// turned down in appsettings.json).
/// </summary>
public sealed partial class LabHubFilter(ILogger<LabHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        // A broken rule, or storage that could not be read (answered as the StorageUnavailable rule).
        catch (Exception exception) when (StorageFailures.AsRefusal(exception) is LabRuleException refusal)
        {
            if (refusal.Rule is LabRule.InvalidInput or LabRule.Busy)
            {
                LabMetrics.Reject(refusal.Rule == LabRule.Busy ? RejectionReasons.Busy : RejectionReasons.Invalid);
            }
            throw new HubException($"{refusal.Rule}: {refusal.Message}", refusal);
        }
        catch (Exception exception) when (exception is not HubException and not OperationCanceledException)
        {
            LogUnexpected(logger, exception, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Hub}.{Method} failed")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string hub, string method);
}
