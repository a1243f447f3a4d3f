using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hubs;

/// <summary>
/// The lab hub connections open on this gateway, by session, so that ending a session can close
/// them (SignalR offers no way to close a connection from outside its hub).
/// </summary>
public sealed class StudentConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> bySession = new(StringComparer.Ordinal);

    public void Add(string code, HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        bySession.GetOrAdd(code, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;
    }

    public void Remove(string code, HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (bySession.TryGetValue(code, out var connections))
        {
            connections.TryRemove(connection.ConnectionId, out _);
        }
    }

    /// <summary>Closes every connection of the session on this gateway; returns how many were closed.</summary>
    public int CloseSession(string code)
    {
        if (!bySession.TryRemove(code, out var connections))
        {
            return 0;
        }
        foreach (var connection in connections.Values)
        {
            connection.Abort();
        }
        return connections.Count;
    }
}
