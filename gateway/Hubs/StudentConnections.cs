using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hubs;

/// <summary>
/// The lab hub connections open on this gateway: by session, so that ending a session can close them
/// (SignalR offers no way to close a connection from outside its hub), and by student, so that a student's
/// events go to that student's connections one by one. A send to one connection is written straight into
/// its transport; a group send first serializes the message into a shared array, a ~14 KB copy per result
/// that nobody else reads, as a student almost always has a single tab open.
/// </summary>
public sealed class StudentConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> bySession = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> byStudent = new(StringComparer.Ordinal);

    public void Add(string code, string studentKey, HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        byStudent.AddOrUpdate(studentKey, static (_, id) => [id], static (_, ids, id) => [.. ids, id], connection.ConnectionId);
        bySession.GetOrAdd(code, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;
    }

    public void Remove(string code, string studentKey, HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (bySession.TryGetValue(code, out var connections))
        {
            connections.TryRemove(connection.ConnectionId, out _);
        }
        while (byStudent.TryGetValue(studentKey, out var ids))
        {
            var rest = Array.FindAll(ids, id => id != connection.ConnectionId);
            if (rest.Length == ids.Length)
            {
                return;
            }
            // Replaced only if nobody changed the student's connections meanwhile; otherwise read them again.
            var replaced = rest.Length == 0
                ? byStudent.TryRemove(KeyValuePair.Create(studentKey, ids))
                : byStudent.TryUpdate(studentKey, rest, ids);
            if (replaced)
            {
                return;
            }
        }
    }

    /// <summary>The ids of the student's connections open on this gateway (usually one; none once all are closed).</summary>
    public IReadOnlyList<string> OfStudent(string studentKey) =>
        byStudent.TryGetValue(studentKey, out var ids) ? ids : [];

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
