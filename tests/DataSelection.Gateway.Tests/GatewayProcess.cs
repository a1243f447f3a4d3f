using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace DataSelection.Gateway.Tests;

/// <summary>
/// The gateway as a real child process (<c>dotnet DataSelection.Gateway.dll</c>) on a free port
/// and a given data directory, as an operator runs it; killable without warning.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process process;

    private GatewayProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<GatewayProcess> Start(string dataDirectory)
    {
        var gatewayDll = typeof(Program).Assembly.Location;
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(gatewayDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            gatewayDll,
            "--Urls", address.ToString(),
            "--DataSelection:DataDirectory", dataDirectory,
            "--DataSelection:Simulation:Warmup", "false",
            "--DataSelection:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--DataSelection:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the gateway.");
        // Drain the pipes so a chatty log never blocks the child.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, address);
        using var http = new HttpClient { BaseAddress = address };
        await Eventually.Until(async () =>
        {
            Assert.False(process.HasExited, $"The gateway exited with code {(process.HasExited ? process.ExitCode : 0)}.");
            try
            {
                return (await http.GetAsync("/health/ready")).StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }, status => status == HttpStatusCode.OK, "the gateway to be ready");
        return gateway;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, no deactivation.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
