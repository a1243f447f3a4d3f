using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans;
using Orleans.Runtime;

namespace DataSelection.ServiceDefaults;

/// <summary>
/// Ready when the cluster answers: asks the management grain for its active silos, which only
/// succeeds once this process's silo (embedded) or client (gateway of a cluster) is connected.
/// </summary>
internal sealed class OrleansReadyCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var grains = services.GetService<IGrainFactory>();
        if (grains is null)
        {
            return HealthCheckResult.Unhealthy("This host has no Orleans silo or client.");
        }
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).ConfigureAwait(false);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster does not answer yet.", exception);
        }
    }
}
