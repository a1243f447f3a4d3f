using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DataSelection.Browser.Tests;

/// <summary>
/// The real gateway as a child process (<c>dotnet DataSelection.Gateway.dll</c>), as an operator
/// runs it: its own free HTTP, silo and gateway ports and a temporary data directory. Its content
/// root is this test project's output directory, where the build copies the gateway's wwwroot.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();

    private GatewayProcess(Process process, Uri address, string dataDirectory)
    {
        this.process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <summary>The last lines the gateway wrote (standard output and error), for failure messages.</summary>
    public string RecentLog => string.Join('\n', log.TakeLast(60));

    public static async Task<GatewayProcess> Start()
    {
        var gatewayDll = Path.Combine(AppContext.BaseDirectory, "DataSelection.Gateway.dll");
        if (!File.Exists(gatewayDll))
        {
            throw new InvalidOperationException($"The gateway is not in the test output: {gatewayDll}.");
        }
        var dataDirectory = Directory.CreateTempSubdirectory("dataselection-browser-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            gatewayDll,
            "--contentRoot", AppContext.BaseDirectory,
            "--Urls", address.ToString(),
            "--DataSelection:DataDirectory", dataDirectory,
            "--DataSelection:Simulation:Warmup", "false",
            "--DataSelection:SiloPort", FreePort().ToString(CultureInfo.InvariantCulture),
            "--DataSelection:GatewayPort", FreePort().ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }
        // No OTLP export from a test child, whatever the environment says.
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the gateway.");
        var gateway = new GatewayProcess(process, address, dataDirectory);
        process.OutputDataReceived += (_, line) => gateway.Record(line.Data);
        process.ErrorDataReceived += (_, line) => gateway.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await gateway.WaitUntilReady();
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return gateway;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        log.Enqueue(line);
        while (log.Count > 500 && log.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilReady()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {process.ExitCode} before it was ready:\n{RecentLog}");
            }
            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The gateway was not ready at {Address}health/ready within {StartTimeout.TotalSeconds} s:\n{RecentLog}");
            }
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
