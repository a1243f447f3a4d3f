using System.Globalization;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hubs;

/// <summary>
/// Limits on what one hub connection may send, from <c>DataSelection:Hubs</c>. The largest legitimate
/// message is a run's parameters (a few numbers, well under a kilobyte); a larger one closes the
/// connection before any hub method sees it. One invocation at a time per connection: a page waits for
/// its run's answer, and a client that does not cannot make a connection compute in parallel.
/// </summary>
public static class LabHubLimits
{
    public const string Section = "DataSelection:Hubs";
    public const string MaximumReceiveMessageSizeKey = Section + ":MaximumReceiveMessageSize";
    public const string MaximumParallelInvocationsPerClientKey = Section + ":MaximumParallelInvocationsPerClient";
    public const string StreamBufferCapacityKey = Section + ":StreamBufferCapacity";
    public const string HandshakeTimeoutSecondsKey = Section + ":HandshakeTimeoutSeconds";
    public const string KeepAliveSecondsKey = Section + ":KeepAliveSeconds";
    public const string ClientTimeoutSecondsKey = Section + ":ClientTimeoutSeconds";

    public const int DefaultMaximumReceiveMessageSize = 4 * 1024;
    public const int DefaultMaximumParallelInvocationsPerClient = 1;

    /// <summary>No hub method streams; a small buffer bounds what a client could make the server hold.</summary>
    public const int DefaultStreamBufferCapacity = 4;

    /// <summary>A real client handshakes within milliseconds; a silent socket should not hold a connection for long.</summary>
    public const int DefaultHandshakeTimeoutSeconds = 5;

    /// <summary>SignalR's own: the browser client pings every 15 s, so 30 s without a message means the page is gone.</summary>
    public const int DefaultKeepAliveSeconds = 15;

    public const int DefaultClientTimeoutSeconds = 30;

    public static IServiceCollection AddLabHubLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var messageSize = Read(configuration, MaximumReceiveMessageSizeKey, DefaultMaximumReceiveMessageSize);
        var parallel = Read(configuration, MaximumParallelInvocationsPerClientKey, DefaultMaximumParallelInvocationsPerClient);
        var buffer = Read(configuration, StreamBufferCapacityKey, DefaultStreamBufferCapacity);
        var handshake = Read(configuration, HandshakeTimeoutSecondsKey, DefaultHandshakeTimeoutSeconds);
        var keepAlive = Read(configuration, KeepAliveSecondsKey, DefaultKeepAliveSeconds);
        var clientTimeout = Read(configuration, ClientTimeoutSecondsKey, DefaultClientTimeoutSeconds);
        if (clientTimeout < 2 * keepAlive)
        {
            throw new InvalidOperationException($"{ClientTimeoutSecondsKey} ({clientTimeout}) must be at least twice {KeepAliveSecondsKey} ({keepAlive}), or live connections time out between pings.");
        }
        return services.Configure<HubOptions>(hub =>
        {
            hub.MaximumReceiveMessageSize = messageSize;
            hub.MaximumParallelInvocationsPerClient = parallel;
            hub.StreamBufferCapacity = buffer;
            hub.HandshakeTimeout = TimeSpan.FromSeconds(handshake);
            hub.KeepAliveInterval = TimeSpan.FromSeconds(keepAlive);
            hub.ClientTimeoutInterval = TimeSpan.FromSeconds(clientTimeout);
        });
    }

    private static int Read(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new InvalidOperationException($"{key} must be a whole number above 0, not '{value}'.");
    }
}
