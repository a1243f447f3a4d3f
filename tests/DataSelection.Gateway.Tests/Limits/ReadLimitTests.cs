using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Gateway.Tests.Limits;

/// <summary>Three reads at once per student, refilled one every ten seconds: nothing refills while the test spends them.</summary>
public sealed class ThreeReadsGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("DataSelection:RateLimits:Enabled", "true"),
        ("DataSelection:RateLimits:ReadsPerMinute", "6"),
        ("DataSelection:RateLimits:ReadBurst", "3"),
    ];
}

[Trait("Category", "Security")]
public sealed class ReadLimitTests(ThreeReadsGatewayFactory factory) : IClassFixture<ThreeReadsGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task A_student_reading_in_a_loop_over_http_and_the_hub_shares_one_budget_and_gets_429_then_reads_again_later()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code);
        await using var hub = api.LabHub(student.Token);
        await hub.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Get, "/api/me", student.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Get, "/api/me/ledger", student.Token)).StatusCode);
        await hub.InvokeAsync<System.Text.Json.JsonElement>("GetState");

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<System.Text.Json.JsonElement>("GetState"));
        Assert.Contains("RateLimited", refused.Message, StringComparison.Ordinal);
        await Limited.ExpectRetryLater(await api.Send(HttpMethod.Get, "/api/me/ledger.md", student.Token), HttpStatusCode.TooManyRequests, "RateLimited");
        Assert.Equal(HubConnectionState.Connected, hub.State);

        // Another student of the same session is not held back by this one's reading.
        var other = await api.Join(session.Code, "Other");
        Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Get, "/api/me", other.Token)).StatusCode);

        await Eventually.Until(async () => (await api.Send(HttpMethod.Get, "/api/me", student.Token)).StatusCode,
            status => status == HttpStatusCode.OK, "a read after the bucket refilled");
    }
}
