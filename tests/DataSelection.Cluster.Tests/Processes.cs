using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace DataSelection.Cluster.Tests;

/// <summary>Free loopback TCP ports, never the same one twice in a test run.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}

/// <summary>A child process whose output is drained (and its tail kept for failure messages).</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly Queue<string> tail = new();

    private ChildProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    public int Id => process.Id;

    public string Tail
    {
        get
        {
            lock (tail)
            {
                return string.Join('\n', tail);
            }
        }
    }

    public static ChildProcess Start(string fileName, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (tail)
        {
            tail.Enqueue(line);
            while (tail.Count > 40)
            {
                tail.Dequeue();
            }
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, no deactivation.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as an orchestrator stops a node, then waits (bounded) for it to exit; SIGKILL after that.</summary>
    public async Task Stop(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}

/// <summary>Where the built silo and gateway live (set by the project file).</summary>
public static class Builds
{
    public static string SiloDll => Path.GetFullPath(Metadata("SiloDll"));

    public static string GatewayDll => Path.GetFullPath(Metadata("GatewayDll"));

    private static string Metadata(string key) =>
        typeof(Builds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} in the test assembly.");
}
