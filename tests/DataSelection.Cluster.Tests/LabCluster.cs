using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DataSelection.Cluster.Tests;

/// <summary>
/// redis-server on a free loopback port and a temp directory, with the append-only file fsynced on every write
/// (<c>appendfsync always</c>): what the lab needs for "acknowledged means durable".
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string directory;
    private ChildProcess? process;

    private RedisServer(string directory, int port)
    {
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> Start(string directory)
    {
        var redis = new RedisServer(directory, FreePort.Next());
        await redis.Start();
        return redis;
    }

    /// <summary>Starts (again) on the same directory, so the append-only file is replayed.</summary>
    public async Task Start()
    {
        process = ChildProcess.Start("redis-server", directory,
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes",
        ]);
        await Eventually.Until(() => Task.FromResult(Answers()), up => up || process.HasExited, "redis-server to accept connections");
        Assert.False(process.HasExited, $"redis-server exited: {process.Tail}");
        // Loading the append-only file happens before it answers PING with PONG instead of LOADING.
        await Eventually.Until(() => Task.FromResult(Ping()), reply => reply.StartsWith("+PONG", StringComparison.Ordinal), "redis-server to load its data");
    }

    /// <summary>SIGTERM: Redis finishes its append-only file and exits.</summary>
    public Task Stop() => process?.Stop(TimeSpan.FromSeconds(30)) ?? Task.CompletedTask;

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        process?.Dispose();
    }
}

/// <summary>A silo or gateway process of the lab, with its HTTP address (health, API, hubs).</summary>
public sealed class LabNode(string name, ChildProcess process, Uri address) : IDisposable
{
    public string Name { get; } = name;

    public ChildProcess Process { get; } = process;

    public Uri Address { get; } = address;

    public void Dispose() => Process.Dispose();
}

/// <summary>
/// Redis, two silos (<c>Mode=cluster</c>) and two gateways (<c>Mode=client</c>) as real processes, each with its own
/// ports and data directory, on loopback. Disposal stops the gateways and silos before Redis.
/// </summary>
public sealed class LabCluster : IAsyncDisposable
{
    /// <summary>Shared by both gateways so a student token from one is good on the other.</summary>
    private const string TokenKey = "cluster-test-token-key-0123456789abcdef";

    private readonly string root = Directory.CreateTempSubdirectory("dataselection-cluster-").FullName;
    private readonly string serviceId = "lab-" + Guid.NewGuid().ToString("N")[..8];
    private string clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<LabNode> silos = [];
    private readonly List<LabNode> gateways = [];

    private LabCluster()
    {
    }

    public RedisServer Redis { get; private set; } = null!;

    public IReadOnlyList<LabNode> Silos => silos;

    public IReadOnlyList<LabNode> Gateways => gateways;

    public static async Task<LabCluster> Start(int siloCount = 2, int gatewayCount = 2)
    {
        var cluster = new LabCluster();
        try
        {
            var redisDirectory = Directory.CreateDirectory(Path.Combine(cluster.root, "redis")).FullName;
            cluster.Redis = await RedisServer.Start(redisDirectory);
            for (var i = 0; i < siloCount; i++)
            {
                cluster.silos.Add(cluster.StartNode($"silo{i + 1}", Builds.SiloDll, "cluster"));
            }
            for (var i = 0; i < gatewayCount; i++)
            {
                cluster.gateways.Add(cluster.StartNode($"gateway{i + 1}", Builds.GatewayDll, "client"));
            }
            await Task.WhenAll(cluster.silos.Concat(cluster.gateways).Select(WaitReady));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo on the same Redis (a replacement after a fault, or for scaling).</summary>
    public async Task<LabNode> AddSilo()
    {
        var silo = StartNode($"silo{silos.Count + 1}", Builds.SiloDll, "cluster");
        silos.Add(silo);
        await WaitReady(silo);
        return silo;
    }

    /// <summary>
    /// kill -9 every silo and gateway, then starts new ones as a new cluster (new cluster id, same service id) on the
    /// same Redis: whatever they show can only come from grain state in Redis, not from memory.
    /// </summary>
    public async Task ReplaceEveryNode()
    {
        foreach (var node in gateways.Concat(silos))
        {
            node.Dispose();
        }
        var siloCount = silos.Count;
        var gatewayCount = gateways.Count;
        silos.Clear();
        gateways.Clear();
        clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < siloCount; i++)
        {
            silos.Add(StartNode($"silo{i + 1}-new", Builds.SiloDll, "cluster"));
        }
        for (var i = 0; i < gatewayCount; i++)
        {
            gateways.Add(StartNode($"gateway{i + 1}-new", Builds.GatewayDll, "client"));
        }
        await Task.WhenAll(silos.Concat(gateways).Select(WaitReady));
    }

    private LabNode StartNode(string name, string dll, string mode)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var data = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        var process = ChildProcess.Start("dotnet", Path.GetDirectoryName(dll)!,
        [
            dll,
            "--Urls", address.ToString(),
            "--DataSelection:Mode", mode,
            "--DataSelection:Redis", Redis.ConnectionString,
            "--DataSelection:ClusterId", clusterId,
            "--DataSelection:ServiceId", serviceId,
            "--DataSelection:AdvertisedAddress", "127.0.0.1",
            "--DataSelection:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--DataSelection:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--DataSelection:DataDirectory", data,
            "--DataSelection:TokenKey", TokenKey,
            "--DataSelection:ShutdownTimeoutSeconds", "10",
            // Observers lost with a killed silo come back at the next renewal.
            "--DataSelection:Push:RenewSeconds", "2",
            "--DataSelection:RateLimits:Enabled", "false",
            "--DataSelection:Simulation:Warmup", "false",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        return new LabNode(name, process, address);
    }

    private static async Task WaitReady(LabNode node)
    {
        using var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.Until(async () =>
        {
            Assert.False(node.Process.HasExited, $"{node.Name} exited:\n{node.Process.Tail}");
            try
            {
                return (await http.GetAsync("/health/ready")).StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
            catch (TaskCanceledException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }, status => status == HttpStatusCode.OK, $"{node.Name} to be ready");
    }

    public async ValueTask DisposeAsync()
    {
        // Gateways, then silos, then Redis: a silo never loses its storage while it still writes.
        await Task.WhenAll(gateways.Concat(silos).Select(node => node.Process.Stop(TimeSpan.FromSeconds(20))));
        foreach (var node in gateways.Concat(silos))
        {
            node.Dispose();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the OS to clean.
        }
    }
}
