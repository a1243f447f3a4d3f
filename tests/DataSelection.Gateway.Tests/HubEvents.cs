using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Gateway.Tests;

/// <summary>Records what a hub pushes to a client method, for later assertions.</summary>
public sealed class HubEvents
{
    private readonly ConcurrentQueue<JsonElement> received = new();

    public HubEvents(HubConnection connection, string method) =>
        connection.On<JsonElement>(method, message => received.Enqueue(message));

    public IReadOnlyList<JsonElement> All => [.. received];

    public Task<JsonElement> WaitFor(Func<JsonElement, bool> match, string what) =>
        Eventually.Until(() => Task.FromResult(received.FirstOrDefault(match)), e => e.ValueKind != JsonValueKind.Undefined, what);
}
