using System.Net;

namespace DataSelection.Gateway.Tests.Telemetry;

/// <summary>A gateway that lets one join a minute through, so the second is rate limited.</summary>
public sealed class OneJoinGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("DataSelection:RateLimits:Enabled", "true"), ("DataSelection:RateLimits:JoinsPerMinute", "1")];
}

public sealed class RateLimitMetricsTests(OneJoinGatewayFactory factory) : IClassFixture<OneJoinGatewayFactory>
{
    [Fact]
    [Trait("Category", "Security")]
    public async Task A_rate_limited_request_counts_as_a_rejection_for_its_reason()
    {
        using var metrics = new LabMeasurements();
        var api = LabApi.For(factory);
        var session = await api.CreateSession();
        await api.Join(session.Code);

        var refused = await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/students", json: """{"name": "Bo", "track": "cloud-titan"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        await metrics.WaitFor("dataselection.rejections", m => (string?)m.Tag("reason") == "rate_limited", "the 429 counted as rate_limited");
    }
}
