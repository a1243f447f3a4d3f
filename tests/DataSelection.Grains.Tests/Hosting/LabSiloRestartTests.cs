using System.Net;
using System.Net.Sockets;
using DataSelection.Grains.Hosting;
using DataSelection.Grains.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace DataSelection.Grains.Tests.Hosting;

public sealed class LabSiloRestartTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Persistent_state_survives_a_new_test_cluster_on_the_same_data_directory()
    {
        var cluster = await StartTestClusterAsync();
        try
        {
            await cluster.GrainFactory.GetGrain<IProbeGrain>("s1").Append("locked 40%");
            await cluster.GrainFactory.GetGrain<IProbeGrain>("s1").Append("ran threshold 0.8");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        var restarted = await StartTestClusterAsync();
        try
        {
            var lines = await restarted.GrainFactory.GetGrain<IProbeGrain>("s1").Lines();

            Assert.Equal(["locked 40%", "ran threshold 0.8"], lines.ToArray());
            Assert.True(File.Exists(Path.Combine(_data.Path, "lab.db")));
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silo_configured_by_ConfigureLabSilo_keeps_named_and_default_storage_across_a_restart()
    {
        var configuration = new Dictionary<string, string?>
        {
            [LabSiloSettings.DataDirectoryKey] = _data.Path,
            [LabSiloSettings.SiloPortKey] = FreePort(),
            [LabSiloSettings.GatewayPortKey] = FreePort(),
        };

        using (var host = await StartLabSiloAsync(configuration))
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IProbeGrain>("s1").Append("named");
            await grains.GetGrain<IDefaultStorageProbeGrain>("s1").Append("default");
            await host.StopAsync();
        }

        using var restarted = await StartLabSiloAsync(configuration);
        var again = restarted.Services.GetRequiredService<IGrainFactory>();

        Assert.Equal(["named"], (await again.GetGrain<IProbeGrain>("s1").Lines()).ToArray());
        Assert.Equal(["default"], (await again.GetGrain<IDefaultStorageProbeGrain>("s1").Lines()).ToArray());
        Assert.True(File.Exists(Path.Combine(_data.Path, "lab.db")));
        await restarted.StopAsync();
    }

    private async Task<TestCluster> StartTestClusterAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(
            [KeyValuePair.Create(LabSiloSettings.DataDirectoryKey, (string?)_data.Path)]));
        builder.AddSiloBuilderConfigurator<LabStorageConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<IHost> StartLabSiloAsync(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.UseOrleans(silo => silo.ConfigureLabSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The test cluster brings its own membership; the storage is exactly the lab's.</summary>
    private sealed class LabStorageConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddLabGrainStorage(LabSiloSettings.From(siloBuilder.Configuration).DataDirectory);
    }
}
