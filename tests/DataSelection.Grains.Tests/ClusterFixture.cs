using DataSelection.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace DataSelection.Grains.Tests;

/// <summary>One in-process test cluster shared by the grain tests (grain state in memory).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder
                .AddMemoryGrainStorage(LabStorage.Name)
                .ConfigureServices(services => services.AddLabGrainServices());
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
