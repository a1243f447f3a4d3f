using DataSelection.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Storage;

namespace DataSelection.Grains.Hosting;

/// <summary>
/// The one silo configuration, shared by the stand-alone silo host and the gateway's embedded silo, so both
/// keep grain state in the same place the same way.
/// </summary>
public static class LabSiloConfiguration
{
    public static ISiloBuilder ConfigureLabSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.ConfigureLabSilo(LabSiloSettings.From(configuration));
    }

    public static ISiloBuilder ConfigureLabSilo(this ISiloBuilder silo, LabSiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);

        // Embedded and stand-alone silos are both one localhost silo for now; cluster mode (Redis membership
        // and grain state) will branch here on settings.Mode.
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);

        silo.AddLabGrainStorage(settings.DataDirectory);
        silo.Services.AddLabGrainServices();
        // Traces follow a request from the HTTP or hub call through every grain it reaches.
        silo.AddActivityPropagation();

        // Stopping the host deactivates every grain; give them time to write their state.
        silo.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        return silo;
    }

    /// <summary>
    /// The lab's grain storage: SQLite in <paramref name="dataDirectory"/>, registered as <see cref="LabStorage.Name"/>
    /// and as the default. One provider serves both names, so every write to the file goes through one writer.
    /// </summary>
    public static ISiloBuilder AddLabGrainStorage(this ISiloBuilder silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        silo.AddSqliteGrainStorage(LabStorage.Name, storage => storage.DataDirectory = dataDirectory);
        silo.Services.AddKeyedSingleton(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, static (provider, _) => LabGrainStorage(provider));
        silo.Services.TryAddSingleton(LabGrainStorage);
        return silo;
    }

    private static IGrainStorage LabGrainStorage(IServiceProvider provider) =>
        provider.GetRequiredKeyedService<IGrainStorage>(LabStorage.Name);

    /// <summary>An Orleans client (a gateway in <see cref="LabHostingMode.Silo"/> mode) reaching the lab's silo.</summary>
    public static IClientBuilder ConfigureLabClient(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        var settings = LabSiloSettings.From(configuration);
        return client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
    }
}
