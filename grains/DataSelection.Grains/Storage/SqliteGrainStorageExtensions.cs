using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace DataSelection.Grains.Storage;

/// <summary>Registers <see cref="SqliteGrainStorage"/> on a silo.</summary>
public static class SqliteGrainStorageExtensions
{
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSqliteGrainStorage(name, configure);
        return silo;
    }

    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder silo, Action<SqliteGrainStorageOptions> configure) =>
        silo.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteGrainStorageOptions>, SqliteGrainStorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<SqliteGrainStorageOptions>, OrleansSerializerByDefault>());
        return services.AddGrainStorage(name, static (provider, providerName) =>
            ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
                provider,
                providerName,
                provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName)));
    }

    /// <summary>The Orleans binary format unless the options chose another: it round-trips our [GenerateSerializer] state exactly.</summary>
    private sealed class OrleansSerializerByDefault(Serializer serializer) : IPostConfigureOptions<SqliteGrainStorageOptions>
    {
        public void PostConfigure(string? name, SqliteGrainStorageOptions options) =>
            options.GrainStorageSerializer ??= new ReusedBufferGrainStorageSerializer(serializer);
    }
}
