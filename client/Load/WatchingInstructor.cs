using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Client.Load;

/// <summary>An instructor with the live dashboard open: a WebSocket connection to <c>/hubs/instructor</c> whose pushes feed <see cref="DashboardStaleness"/>.</summary>
public sealed class WatchingInstructor(LoadContext load, int index) : IAsyncDisposable
{
    private HubConnection? _connection;

    public async Task<bool> Connect(CancellationToken cancellationToken)
    {
        var address = new Uri(load.Http.Gateway,
            $"{HubNames.InstructorHub}?code={Uri.EscapeDataString(load.Session.Code)}&key={Uri.EscapeDataString(load.Session.InstructorKey)}");
        _connection = new HubConnectionBuilder()
            .WithUrl(address, HttpTransportType.WebSockets, options => options.SkipNegotiation = true)
            .Build();
        _connection.HandshakeTimeout = LoadTestSettings.ActionTimeout;
        _connection.On<PushedDashboard>(HubNames.Dashboard, dashboard => load.Staleness.Received(index, dashboard, Stopwatch.GetTimestamp()));
        try
        {
            await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            load.Recorder.Failed($"instructor-connect:{e.GetType().Name}");
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
