using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DataSelection.Grains.Hosting;

/// <summary>The silo's settings, read from the <c>DataSelection</c> configuration section.</summary>
/// <param name="DataDirectory">Absolute path of the folder holding the grain state database.</param>
public sealed record LabSiloSettings(
    LabHostingMode Mode,
    string DataDirectory,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    TimeSpan ShutdownTimeout)
{
    /// <summary>The Redis connection string (StackExchange.Redis syntax), for <see cref="LabHostingMode.Cluster"/> and a <see cref="LabHostingMode.Client"/> of it.</summary>
    public string? Redis { get; init; }

    /// <summary>The address this silo tells the others and the gateways to reach it at (a pod IP in Kubernetes); the host's own when unset.</summary>
    public System.Net.IPAddress? AdvertisedAddress { get; init; }

    /// <summary>
    /// Whether this host feeds the Orleans Dashboard (grain call profiling, silo counters): on when <see cref="OpsDashboardKey"/>
    /// says so, else whenever an ops key is set. Off by default, because profiling costs a little on every grain call.
    /// </summary>
    public bool Dashboard { get; init; }

    /// <summary>
    /// Whether grain calls carry the caller's trace (Orleans activity propagation): on when <see cref="TracingKey"/> says so,
    /// else whenever traces are exported (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set). Off otherwise, because the propagation
    /// filters cost several per cent of a busy silo's CPU even when no one listens.
    /// </summary>
    public bool Tracing { get; init; }

    public const string Section = "DataSelection";
    public const string ModeKey = Section + ":Mode";
    public const string DataDirectoryKey = Section + ":DataDirectory";
    public const string ClusterIdKey = Section + ":ClusterId";
    public const string ServiceIdKey = Section + ":ServiceId";
    public const string SiloPortKey = Section + ":SiloPort";
    public const string GatewayPortKey = Section + ":GatewayPort";
    public const string ShutdownTimeoutSecondsKey = Section + ":ShutdownTimeoutSeconds";
    public const string RedisKey = Section + ":Redis";
    public const string AdvertisedAddressKey = Section + ":AdvertisedAddress";
    public const string OpsKeyKey = Section + ":Ops:Key";
    public const string OpsDashboardKey = Section + ":Ops:Dashboard";
    public const string TracingKey = Section + ":Tracing";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string DefaultDataDirectory = "./data";
    public const string DefaultClusterId = "dataselection-lab";
    public const string DefaultServiceId = "dataselection-lab";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>Time for grains to deactivate and write their state when the host stops.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Reads the settings, taking defaults for what is missing; a value that cannot be used fails with its key named.</summary>
    public static LabSiloSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new LabSiloSettings(
            ReadMode(configuration[ModeKey]),
            Path.GetFullPath(ValueOr(configuration[DataDirectoryKey], DefaultDataDirectory)),
            ValueOr(configuration[ClusterIdKey], DefaultClusterId),
            ValueOr(configuration[ServiceIdKey], DefaultServiceId),
            ReadPort(configuration, SiloPortKey, DefaultSiloPort),
            ReadPort(configuration, GatewayPortKey, DefaultGatewayPort),
            ReadSeconds(configuration, ShutdownTimeoutSecondsKey, DefaultShutdownTimeout))
        {
            Redis = string.IsNullOrWhiteSpace(configuration[RedisKey]) ? null : configuration[RedisKey]!.Trim(),
            AdvertisedAddress = ReadAddress(configuration[AdvertisedAddressKey]),
            Dashboard = ReadSwitch(configuration, OpsDashboardKey, defaultValue: !string.IsNullOrWhiteSpace(configuration[OpsKeyKey])),
            Tracing = ReadSwitch(configuration, TracingKey, defaultValue: !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey])),
        };
        if (settings.Mode == LabHostingMode.Cluster)
        {
            settings.RequireRedis();
        }
        return settings;
    }

    /// <summary>The Redis connection string, or a failure naming the key when the mode needs one.</summary>
    public string RequireRedis() =>
        Redis ?? throw new InvalidOperationException($"{ModeKey} '{Mode.ToString().ToLowerInvariant()}' needs {RedisKey} (a Redis connection string such as 'localhost:6379').");

    private static bool ReadSwitch(IConfiguration configuration, string key, bool defaultValue)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }
        return bool.TryParse(value, out var on) ? on : throw new InvalidOperationException($"{key} must be 'true' or 'false', not '{value}'.");
    }

    private static System.Net.IPAddress? ReadAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (System.Net.IPAddress.TryParse(value.Trim(), out var address))
        {
            return address;
        }
        // A host name (for instance a pod's): its first IPv4 address.
        System.Net.IPAddress? resolved;
        try
        {
            resolved = System.Net.Dns.GetHostAddresses(value.Trim()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        }
        catch (System.Net.Sockets.SocketException)
        {
            resolved = null;
        }
        catch (ArgumentException)
        {
            resolved = null;
        }
        return resolved ?? throw new InvalidOperationException($"{AdvertisedAddressKey} must be an IP address or a resolvable host name, not '{value}'.");
    }

    private static LabHostingMode ReadMode(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "EMBEDDED" => LabHostingMode.Embedded,
        "SILO" => LabHostingMode.Silo,
        "CLUSTER" => LabHostingMode.Cluster,
        "CLIENT" => LabHostingMode.Client,
        _ => throw new InvalidOperationException($"{ModeKey} must be 'embedded', 'silo', 'cluster' or 'client', not '{value}'."),
    };

    private static string ValueOr(string? value, string fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    private static int ReadPort(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= ushort.MaxValue
            ? port
            : throw new InvalidOperationException($"{key} must be a TCP port between 1 and {ushort.MaxValue}, not '{value}'.");
    }

    private static TimeSpan ReadSeconds(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{key} must be a positive whole number of seconds, not '{value}'.");
    }
}
