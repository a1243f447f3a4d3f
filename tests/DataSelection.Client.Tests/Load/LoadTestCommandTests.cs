using System.Net;
using System.Net.Sockets;
using DataSelection.Client.Commands;

namespace DataSelection.Client.Tests.Load;

public sealed class LoadTestCommandTests
{
    [Theory]
    [InlineData("localhost:5080")]
    [InlineData("ftp://127.0.0.1:5080")]
    [InlineData("not a url")]
    public async Task A_url_that_is_not_an_http_address_is_refused_before_anything_is_sent(string url)
    {
        var run = await CliRun.Of("loadtest", "--url", url, "--students", "1", "--duration", "1s");

        Assert.NotEqual(CommandRunner.Success, run.ExitCode);
        Assert.Contains("--url must be an absolute http or https address", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_a_clear_error_naming_the_address()
    {
        var url = $"http://127.0.0.1:{UnusedPort()}";

        var run = await CliRun.Of("loadtest", "--url", url, "--students", "1", "--duration", "1s");

        Assert.Equal(CommandRunner.GatewayFailed, run.ExitCode);
        Assert.Contains($"could not reach the gateway at {url}", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("--duration", "soon")]
    [InlineData("--fresh-share", "1.5")]
    [InlineData("--fresh-range", "far")]
    [InlineData("--generator-gc", "sometimes")]
    [InlineData("--timeline", "/no/such/folder/timeline.csv")]
    [InlineData("--students", "-1")]
    public async Task Bad_load_options_are_refused_with_the_option_named(string option, string value)
    {
        var run = await CliRun.Of("loadtest", "--url", "http://127.0.0.1:1", option, value);

        Assert.NotEqual(CommandRunner.Success, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
