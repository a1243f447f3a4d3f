using System.Net;
using DataSelection.Client.Load;

namespace DataSelection.Client.Tests.Load;

public sealed class ServerWarmupTests
{
    [Fact]
    public async Task The_class_waits_until_the_server_reports_nothing_left_to_warm()
    {
        var handler = new ScriptedMetrics(
            "dataselection_warmup_pending{otel_scope_name=\"DataSelection\"} 40 1700000000000",
            "dataselection_warmup_pending{otel_scope_name=\"DataSelection\"} 3",
            "# HELP dataselection_warmup_pending Settings\ndataselection_warmup_pending 0");
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://gateway.test") };
        var seen = new List<double>();

        var waited = await ServerWarmup.WaitFor(http, new SynchronousProgress(seen), CancellationToken.None);

        Assert.NotNull(waited);
        Assert.Equal([40, 3, 0], seen);
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task A_server_that_reports_no_warm_up_is_not_waited_for_once_the_gauge_stays_away()
    {
        var handler = new ScriptedMetrics("dotnet_process_cpu_time_seconds_total 12.5");
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://gateway.test") };

        Assert.Null(await ServerWarmup.WaitFor(http, null, CancellationToken.None));
        // Asked again until the patience ran out (every half second), not concluded from one answer.
        Assert.InRange(handler.Requests, 2, 10);
    }

    [Fact]
    public async Task A_scrape_from_before_the_session_without_the_gauge_does_not_end_the_wait()
    {
        // The exporter may answer with a scrape cached from before the warm-up started.
        var handler = new ScriptedMetrics(
            "dotnet_process_cpu_time_seconds_total 12.5",
            "dataselection_warmup_pending{otel_scope_name=\"DataSelection\"} 12",
            "dataselection_warmup_pending{otel_scope_name=\"DataSelection\"} 0");
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://gateway.test") };
        var seen = new List<double>();

        Assert.NotNull(await ServerWarmup.WaitFor(http, new SynchronousProgress(seen), CancellationToken.None));
        Assert.Equal([12, 0], seen);
    }

    /// <summary>Serves the given /metrics texts in turn (the last one from then on).</summary>
    private sealed class ScriptedMetrics(params string[] texts) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/metrics", request.RequestUri?.AbsolutePath);
            var text = texts[Math.Min(Requests++, texts.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text) });
        }
    }

    private sealed class SynchronousProgress(List<double> seen) : IProgress<double>
    {
        public void Report(double value) => seen.Add(value);
    }
}
