using DataSelection.Grains.Workbench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DataSelection.Grains.Hosting;

/// <summary>The services lab grains need on every silo.</summary>
public static class LabGrainServices
{
    public static IServiceCollection AddLabGrainServices(this IServiceCollection services)
    {
        services.AddOptions<SimulationQueueOptions>().BindConfiguration(SimulationQueueOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulationQueueOptions>, SimulationQueueOptionsValidator>());
        services.AddSingleton<SimulationThrottle>();
        services.AddSingleton<ISimulationEngine, LabSimulationEngine>();
        services.AddSingleton<SimulationRunner>();
        services.AddSingleton<SiloResults>();
        return services;
    }
}
