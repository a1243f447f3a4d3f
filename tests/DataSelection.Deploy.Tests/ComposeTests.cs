using System.Globalization;
using DataSelection.Grains.Hosting;

namespace DataSelection.Deploy.Tests;

/// <summary>What <c>deploy/compose.yaml</c> must run: Redis with its append-only file, two silos, two gateways.</summary>
public sealed class ComposeTests
{
    private static readonly Yaml Compose = Yaml.Load(Repository.ReadDeployFile("compose.yaml"), "compose.yaml");
    private static readonly IReadOnlyDictionary<string, Yaml> Services = Compose["services"].Entries;

    [Fact]
    public void Compose_runs_redis_with_an_append_only_file_fsynced_on_every_write_on_a_named_volume()
    {
        var redis = Services["redis"];
        var command = redis["command"].Items.Select(item => item.Text).ToList();

        Assert.Equal("redis-server", command[0]);
        Assert.Equal("yes", ValueAfter(command, "--appendonly"));
        Assert.Equal("always", ValueAfter(command, "--appendfsync"));
        Assert.Equal("noeviction", ValueAfter(command, "--maxmemory-policy"));
        var volume = Assert.Single(redis["volumes"].Items, mount => mount.Text?.EndsWith(":/data", StringComparison.Ordinal) == true).Text!;
        Assert.True(Compose["volumes"].Entries.ContainsKey(volume.Split(':')[0]), $"{volume} is not a named volume");
    }

    [Fact]
    public void Compose_runs_two_silos_in_cluster_mode_and_two_gateways_in_client_mode_on_the_same_redis_and_cluster()
    {
        var silos = Services.Where(service => Environment(service.Value, LabSiloSettings.ModeKey) == "cluster").Select(service => service.Key).ToList();
        var gateways = Services.Where(service => Environment(service.Value, LabSiloSettings.ModeKey) == "client").Select(service => service.Key).ToList();

        Assert.Equal(2, silos.Count);
        Assert.Equal(2, gateways.Count);
        Assert.All(silos, silo => Assert.Equal("deploy/docker/silo.Dockerfile", Services[silo]["build"]["dockerfile"].Text));
        Assert.All(gateways, gateway => Assert.Equal("deploy/docker/gateway.Dockerfile", Services[gateway]["build"]["dockerfile"].Text));
        foreach (var key in new[] { LabSiloSettings.RedisKey, LabSiloSettings.ClusterIdKey, LabSiloSettings.ServiceIdKey })
        {
            var values = silos.Concat(gateways).Select(service => Environment(Services[service], key)).Distinct().ToList();
            Assert.True(values is [not null], $"{key} differs between the lab services or is missing: {string.Join(", ", values)}");
        }
        Assert.StartsWith("redis:", Environment(Services[silos[0]], LabSiloSettings.RedisKey), StringComparison.Ordinal);
        Assert.All(silos.Concat(gateways), service => Assert.Equal("service_healthy", Services[service]["depends_on"]["redis"]["condition"].Text));
    }

    [Fact]
    public void Compose_gives_every_lab_host_longer_to_stop_than_its_shutdown_timeout()
    {
        foreach (var (name, service) in Services.Where(service => Environment(service.Value, LabSiloSettings.ModeKey) is "cluster" or "client"))
        {
            var shutdown = Environment(service, LabSiloSettings.ShutdownTimeoutSecondsKey) is { } configured
                ? int.Parse(configured, CultureInfo.InvariantCulture)
                : (int)LabSiloSettings.DefaultShutdownTimeout.TotalSeconds;
            var grace = service["stop_grace_period"].Text;
            Assert.True(grace is not null, $"{name} stops after docker's default 10 s, before its grains are handed over");
            Assert.True(int.Parse(grace.TrimEnd('s'), CultureInfo.InvariantCulture) > shutdown, $"{name}: stop_grace_period {grace} is not longer than {shutdown} s");
        }
    }

    [Fact]
    public void Every_gateway_in_compose_requires_the_same_token_key_from_the_environment()
    {
        var keys = Services.Values.Where(service => Environment(service, LabSiloSettings.ModeKey) == "client")
            .Select(service => Environment(service, "DataSelection:TokenKey"))
            .Distinct()
            .ToList();

        // ${VAR:?message}: compose refuses to start without the key instead of falling back to a known one.
        var key = Assert.Single(keys);
        Assert.Matches(@"^\$\{[A-Z_]+:\?[^}]+\}$", key);
    }

    [Fact]
    public void Prometheus_scrapes_the_metrics_endpoint_of_every_silo_and_gateway_in_compose()
    {
        var prometheus = Yaml.Load(Repository.ReadDeployFile("prometheus.yml"), "prometheus.yml");
        var targets = prometheus["scrape_configs"].Items
            .Where(job => job["metrics_path"].Text == "/metrics")
            .SelectMany(job => job["static_configs"].Items.SelectMany(config => config["targets"].Items))
            .Select(target => target.Text)
            .ToHashSet(StringComparer.Ordinal);
        var labHosts = Services.Where(service => Environment(service.Value, LabSiloSettings.ModeKey) is "cluster" or "client");

        Assert.All(labHosts, host =>
        {
            var port = Environment(host.Value, "Urls")?.Split(':')[^1];
            Assert.Contains($"{host.Key}:{port}", targets);
        });
        Assert.Contains("./prometheus.yml:/etc/prometheus/prometheus.yml:ro", Services["prometheus"]["volumes"].Items.Select(item => item.Text));
    }

    private static string? Environment(Yaml service, string configurationKey) =>
        service["environment"][configurationKey.Replace(":", "__", StringComparison.Ordinal)].Text;

    private static string? ValueAfter(List<string?> arguments, string flag)
    {
        var index = arguments.IndexOf(flag);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : null;
    }
}
