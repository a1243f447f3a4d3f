using System.Collections.Concurrent;

namespace DataSelection.Browser.Tests;

/// <summary>
/// Cuts a context's connection to the hubs and restores it. Offline emulation alone does not
/// close a WebSocket that is already open, so every hub WebSocket is routed through Playwright:
/// cutting closes the open ones (both sides) and refuses new ones, and takes the context offline
/// so negotiation and fallback transports fail too.
/// </summary>
public sealed class ConnectionCutter
{
    private readonly IBrowserContext context;
    private readonly ConcurrentDictionary<IWebSocketRoute, IWebSocketRoute> open = new();
    private volatile bool cut;

    private ConnectionCutter(IBrowserContext context) => this.context = context;

    /// <summary>Routes the context's hub WebSockets; call before the page connects.</summary>
    public static async Task<ConnectionCutter> Attach(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cutter = new ConnectionCutter(context);
        await context.RouteWebSocketAsync("**/hubs/**", cutter.Handle);
        return cutter;
    }

    /// <summary>How many hub WebSockets have been opened through the route (reconnects add one each).</summary>
    public int Opened { get; private set; }

    private void Handle(IWebSocketRoute page)
    {
        if (cut)
        {
            // A route handler is synchronous; the close completes on Playwright's connection.
            _ = page.CloseAsync(new() { Code = 4000, Reason = "network cut by the test" });
            return;
        }
        Opened++;
        var server = page.ConnectToServer();
        open[page] = server;
    }

    public async Task Cut()
    {
        cut = true;
        await context.SetOfflineAsync(true);
        foreach (var (page, server) in open)
        {
            open.TryRemove(page, out _);
            await server.CloseAsync(new() { Code = 4000, Reason = "network cut by the test" });
            await page.CloseAsync(new() { Code = 4000, Reason = "network cut by the test" });
        }
    }

    public async Task Restore()
    {
        cut = false;
        await context.SetOfflineAsync(false);
    }
}
