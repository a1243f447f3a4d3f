using DataSelection.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

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

        switch (settings.Mode)
        {
            case LabHostingMode.Cluster:
                // Many silos: membership and grain state in Redis, each silo reachable at its advertised address.
                var redis = settings.RequireRedis();
                silo.UseRedisClustering(options => options.ConfigurationOptions = RedisOptions(redis));
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = settings.ClusterId;
                    cluster.ServiceId = settings.ServiceId;
                });
                if (settings.AdvertisedAddress is { } address)
                {
                    silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                }
                silo.AddLabRedisGrainStorage(redis);
                break;
            case LabHostingMode.Client:
                throw new InvalidOperationException(
                    $"{LabSiloSettings.ModeKey} 'client' hosts no silo; use ConfigureLabClient (the gateway does this by itself).");
            default:
                // Embedded and stand-alone silos are both one localhost silo with SQLite state.
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                silo.AddLabGrainStorage(settings.DataDirectory);
                break;
        }

        silo.Services.AddLabGrainServices();
        if (settings.Tracing)
        {
            // Traces follow a request from the HTTP or hub call through every grain it reaches.
            silo.AddActivityPropagation();
        }
        if (settings.Dashboard)
        {
            // Collects what the Orleans Dashboard shows; the gateway serves its pages to ops (see docs/OBSERVABILITY.md).
            silo.AddDashboard();
        }

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
        AddLabStorageAsDefault(silo);
        return silo;
    }

    /// <summary>
    /// The lab's grain storage in cluster mode: Redis, registered as <see cref="LabStorage.Name"/> and as the default.
    /// A write is acknowledged when Redis replied, so Redis must run with <c>appendonly yes</c> and
    /// <c>appendfsync always</c> for "acknowledged means durable" to hold (see docs/OPERATIONS.md).
    /// </summary>
    public static ISiloBuilder AddLabRedisGrainStorage(this ISiloBuilder silo, string redis)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(redis);

        silo.AddRedisGrainStorage(LabStorage.Name, storage => storage.ConfigurationOptions = RedisOptions(redis));
        // The Orleans serializer, not the provider's default JSON: it round-trips our [GenerateSerializer]
        // state (records, immutable collections, the abstract WorkbenchSettings) exactly, as the SQLite store does.
        // The provider keeps state as a UTF-8 string, so the binary format travels as base64 text.
        silo.Services.AddOptions<RedisStorageOptions>(LabStorage.Name)
            .PostConfigure<Serializer>((storage, serializer) =>
                storage.GrainStorageSerializer = new TextSafeGrainStorageSerializer(new ReusedBufferGrainStorageSerializer(serializer)));
        AddLabStorageAsDefault(silo);
        return silo;
    }

    private static void AddLabStorageAsDefault(ISiloBuilder silo)
    {
        silo.Services.AddKeyedSingleton(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, static (provider, _) => LabGrainStorage(provider));
        silo.Services.TryAddSingleton(LabGrainStorage);
    }

    private static IGrainStorage LabGrainStorage(IServiceProvider provider) =>
        provider.GetRequiredKeyedService<IGrainStorage>(LabStorage.Name);

    /// <summary>
    /// An Orleans client (a gateway in <see cref="LabHostingMode.Client"/> mode) reaching the lab's silos: through Redis
    /// membership when <c>DataSelection:Redis</c> is set, otherwise the one localhost silo on <c>DataSelection:GatewayPort</c>.
    /// </summary>
    public static IClientBuilder ConfigureLabClient(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        var settings = LabSiloSettings.From(configuration);
        if (settings.Tracing)
        {
            // The trace of a hub call or HTTP request continues into the silos.
            client.AddActivityPropagation();
        }
        if (settings.Dashboard)
        {
            // Serves the Orleans Dashboard from this gateway; the silos collect (DataSelection:Ops:Dashboard on them).
            client.AddDashboard();
        }
        if (settings.Redis is null)
        {
            return client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
        }

        client.UseRedisClustering(options => options.ConfigurationOptions = RedisOptions(settings.Redis));
        client.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = settings.ClusterId;
            cluster.ServiceId = settings.ServiceId;
        });
        return client;
    }

    /// <summary>
    /// Redis options from a connection string; the connection keeps retrying while Redis restarts instead of failing the host.
    /// </summary>
    private static ConfigurationOptions RedisOptions(string redis)
    {
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        return options;
    }
}
