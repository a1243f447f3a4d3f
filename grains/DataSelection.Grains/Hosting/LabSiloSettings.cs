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
    public const string Section = "DataSelection";
    public const string ModeKey = Section + ":Mode";
    public const string DataDirectoryKey = Section + ":DataDirectory";
    public const string ClusterIdKey = Section + ":ClusterId";
    public const string ServiceIdKey = Section + ":ServiceId";
    public const string SiloPortKey = Section + ":SiloPort";
    public const string GatewayPortKey = Section + ":GatewayPort";
    public const string ShutdownTimeoutSecondsKey = Section + ":ShutdownTimeoutSeconds";

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
        return new LabSiloSettings(
            ReadMode(configuration[ModeKey]),
            Path.GetFullPath(ValueOr(configuration[DataDirectoryKey], DefaultDataDirectory)),
            ValueOr(configuration[ClusterIdKey], DefaultClusterId),
            ValueOr(configuration[ServiceIdKey], DefaultServiceId),
            ReadPort(configuration, SiloPortKey, DefaultSiloPort),
            ReadPort(configuration, GatewayPortKey, DefaultGatewayPort),
            ReadSeconds(configuration, ShutdownTimeoutSecondsKey, DefaultShutdownTimeout));
    }

    private static LabHostingMode ReadMode(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "EMBEDDED" => LabHostingMode.Embedded,
        "SILO" => LabHostingMode.Silo,
        // The seam for cluster mode: Redis membership and storage arrive with their own issue.
        "CLUSTER" => throw new InvalidOperationException(
            $"{ModeKey} 'cluster' (Redis membership and grain state) is not available yet; use 'embedded' or 'silo'."),
        _ => throw new InvalidOperationException($"{ModeKey} must be 'embedded' or 'silo', not '{value}'."),
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
