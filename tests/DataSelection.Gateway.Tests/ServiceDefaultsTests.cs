using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSelection.Gateway.Tests;

public sealed class ServiceDefaultsTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Health_endpoints_report_live_and_ready_once_the_silo_answers()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Prometheus_metrics_include_the_lab_meter_after_a_join()
    {
        var session = await api.CreateSession();
        await api.Join(session.Code);

        var metrics = await Eventually.Until(() => api.Http.GetStringAsync("/metrics"),
            text => text.Contains("dataselection_joins", StringComparison.Ordinal), "the joins counter on /metrics");
        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_public_routes()
    {
        var document = await api.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { "/api/catalog", "/api/sessions", "/api/sessions/{code}/students", "/api/me", "/api/me/parts/{part}/lock",
                     "/api/me/parts/{part}/runs", "/api/me/parts/2/knee", "/api/me/ledger", "/api/sessions/{code}/export" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document.");
        }
    }

    [Fact]
    public async Task The_catalog_lists_tracks_parts_prediction_shapes_and_track_defaults()
    {
        var catalog = await api.Http.GetFromJsonAsync<JsonElement>("/api/catalog");

        Assert.Equal(4, catalog.GetProperty("tracks").GetArrayLength());
        Assert.Equal("percent", catalog.GetProperty("parts")[0].GetProperty("prediction").GetProperty("kind").GetString());
        var defaults = catalog.GetProperty("tracks")[0].GetProperty("defaults");
        Assert.True(defaults.GetProperty("1").GetProperty("threshold").GetDouble() > 0);
        Assert.Equal("margin", defaults.GetProperty("2").GetProperty("strategy").GetString());
    }
}
