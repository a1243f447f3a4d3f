using DataSelection.Grains.Hosting;
using DataSelection.Grains.Storage;
using DataSelection.Grains.Workbench;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace DataSelection.Grains.Tests.Faults;

/// <summary>
/// An in-process test cluster whose lab storage is the real SQLite store behind <see cref="FaultyGrainStorage"/>,
/// and whose workers run <see cref="FaultySimulationEngine"/>: the fault tests flip their switches.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    private const string SqliteStorage = "lab-sqlite";
    private static readonly string DataDirectory = Directory.CreateTempSubdirectory("dataselection-faults-").FullName;

    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public FaultyGrainStorage Storage => (FaultyGrainStorage)SiloServices.GetRequiredKeyedService<IGrainStorage>(LabStorage.Name);

    public FaultySimulationEngine Engine => SiloServices.GetRequiredService<FaultySimulationEngine>();

    /// <summary>The silo's serializer, to measure what a state weighs when written.</summary>
    public Orleans.Serialization.Serializer Serializer => SiloServices.GetRequiredService<Orleans.Serialization.Serializer>();

    private IServiceProvider SiloServices =>
        Cluster.Primary is InProcessSiloHandle silo ? silo.SiloHost.Services : throw new InvalidOperationException("The fault cluster runs in process.");

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Still held by the stopping silo: the temp folder is cleaned by the OS later.
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder
                .AddSqliteGrainStorage(SqliteStorage, storage => storage.DataDirectory = DataDirectory)
                .ConfigureServices(services =>
                {
                    services.AddKeyedSingleton<IGrainStorage>(LabStorage.Name, static (provider, _) =>
                        new FaultyGrainStorage(provider.GetRequiredKeyedService<IGrainStorage>(SqliteStorage)));
                    services.AddLabGrainServices();
                    services.AddSingleton<FaultySimulationEngine>();
                    services.AddSingleton<ISimulationEngine>(static provider => provider.GetRequiredService<FaultySimulationEngine>());
                });
    }
}

[CollectionDefinition(Name)]
public sealed class FaultClusterCollection : ICollectionFixture<FaultClusterFixture>
{
    public const string Name = "faults";
}
