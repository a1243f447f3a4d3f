using DataSelection.Grains.Workbench;
using Microsoft.Extensions.DependencyInjection;

namespace DataSelection.Grains.Hosting;

/// <summary>The services lab grains need on every silo.</summary>
public static class LabGrainServices
{
    public static IServiceCollection AddLabGrainServices(this IServiceCollection services)
    {
        services.AddSingleton<SimulationThrottle>();
        services.AddSingleton<ISimulationEngine, LabSimulationEngine>();
        return services;
    }
}
