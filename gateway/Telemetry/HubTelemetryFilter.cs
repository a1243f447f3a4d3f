using System.Diagnostics;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Telemetry;

/// <summary>
/// Every hub call becomes a span on the lab's <c>DataSelection</c> source (the root of the trace that follows it through
/// the grains to the worker) and a measurement of <see cref="LabMetrics.HubInvocations"/>. Registered first, so it times
/// whatever the other filters do too. Tags are the hub, the method and the part: never a name, a text or a student.
/// </summary>
public sealed class HubTelemetryFilter : IHubFilter
{
    public const string HubTag = "dataselection.hub";
    public const string MethodTag = "dataselection.hub.method";
    public const string PartTag = "dataselection.part";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var hub = invocationContext.Hub.GetType().Name;
        var method = invocationContext.HubMethodName;
        using var activity = StartActivity(hub, method, invocationContext);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await next(invocationContext).ConfigureAwait(false);
            outcome = "ok";
            return result;
        }
        catch (HubException exception)
        {
            // A refusal the caller is told about (a broken lab rule, a limit): not a fault of the service.
            outcome = "refused";
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            LabMetrics.HubInvocations.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("hub", hub),
                new KeyValuePair<string, object?>("method", method),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private static Activity? StartActivity(string hub, string method, HubInvocationContext invocation)
    {
        if (!LabTracing.Source.HasListeners())
        {
            return null;
        }
        // SignalR's own span for the call (when listened to) is the parent; without it, Activity.Current is the
        // connection's long-lived HTTP request, and every call of a connection would share one endless trace.
        var parent = Activity.Current;
        if (parent is not null && parent.Source.Name != LabTracing.SignalRSourceName)
        {
            Activity.Current = null;
        }
        var activity = LabTracing.Source.StartActivity($"{hub}/{method}", ActivityKind.Server);
        if (activity is null)
        {
            Activity.Current = parent;
            return null;
        }
        if (parent is not null && parent.Source.Name != LabTracing.SignalRSourceName)
        {
            activity.AddLink(new ActivityLink(parent.Context));
        }
        activity.SetTag(HubTag, hub);
        activity.SetTag(MethodTag, method);
        var parameters = invocation.HubMethod.GetParameters();
        for (var i = 0; i < parameters.Length && i < invocation.HubMethodArguments.Count; i++)
        {
            if (parameters[i].Name == "part" && invocation.HubMethodArguments[i] is int part)
            {
                activity.SetTag(PartTag, part);
            }
        }
        return activity;
    }
}
