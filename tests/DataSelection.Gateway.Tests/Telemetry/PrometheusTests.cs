using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Gateway.Tests.Telemetry;

public sealed class PrometheusTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Metrics_exposes_the_lab_meter_beside_the_orleans_and_aspnetcore_meters_in_prometheus_text()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code);
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 40}""")).StatusCode);
        await using var instructorHub = api.InstructorHub(session);
        await instructorHub.StartAsync();
        await using var hub = api.LabHub(student.Token);
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Run", 1, JsonDocument.Parse("{}").RootElement);
        await Problem.Expect(await api.Run(student, 1, """{"threshold": 7}"""), HttpStatusCode.BadRequest);

        string[] expected =
        [
            "dataselection_runs_total", "dataselection_cache_lookups_total", "dataselection_simulation_duration_milliseconds_bucket",
            "dataselection_students_connected", "dataselection_instructors_connected", "dataselection_sessions_active",
            "dataselection_push_lag_milliseconds_bucket", "dataselection_dashboard_pushes_total",
            "dataselection_hub_invocation_duration_milliseconds_bucket", "dataselection_rejections_total",
            "http_server_request_duration_seconds_bucket", "orleans_",
        ];
        string text;
        try
        {
            text = await Eventually.Until(() => api.Http.GetStringAsync("/metrics"),
                metrics => expected.All(name => metrics.Contains(name, StringComparison.Ordinal)), "every lab metric on /metrics");
        }
        catch (TimeoutException)
        {
            text = await api.Http.GetStringAsync("/metrics");
            var missing = string.Join(", ", expected.Where(name => !text.Contains(name, StringComparison.Ordinal)));
            Assert.Fail($"Missing on /metrics after {Eventually.Timeout.TotalSeconds} s: {missing}");
        }

        Assert.Contains("dataselection_hub_invocation_duration_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"ok\"", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"invalid\"", text, StringComparison.Ordinal);
    }
}
