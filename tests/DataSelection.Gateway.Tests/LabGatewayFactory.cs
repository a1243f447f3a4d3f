using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataSelection.Gateway.Tests;

/// <summary>
/// The gateway with its embedded silo, in-process: its own temporary data directory and its own
/// silo and gateway ports, so test classes never share state or sockets.
/// </summary>
public class LabGatewayFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("dataselection-gateway-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataSelection:DataDirectory", DataDirectory);
        builder.UseSetting("DataSelection:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("DataSelection:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests join and run far faster than a class does; the limits' own tests turn them back on.
        builder.UseSetting("DataSelection:RateLimits:Enabled", "false");
        // Tests count fresh and cached runs themselves; the warm-up has its own test.
        builder.UseSetting("DataSelection:Simulation:Warmup", "false");
        // Warnings and errors only, so a failing test's report is not buried under hosting chatter;
        // Orleans's start-up notes (GC mode) and its watchdog's CPU-starvation warnings on a busy CI
        // machine say nothing about the code under test.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Orleans.Runtime.Silo", "Error");
        builder.UseSetting("Logging:LogLevel:Orleans.Runtime.Watchdog", "Error");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Settings a test class needs beyond the defaults above (applied last, so they win).</summary>
    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings => [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the stopping silo: the temp folder is cleaned by the OS later.
        }
    }
}

public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
