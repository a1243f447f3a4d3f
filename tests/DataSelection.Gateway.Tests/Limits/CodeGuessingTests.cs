using System.Net;

namespace DataSelection.Gateway.Tests.Limits;

/// <summary>Three joins a minute from one address: small enough to see a guesser stopped.</summary>
public sealed class ThreeJoinsGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("DataSelection:RateLimits:Enabled", "true"),
        ("DataSelection:RateLimits:JoinsPerMinute", "3"),
    ];
}

[Trait("Category", "Security")]
public sealed class CodeGuessingTests(ThreeJoinsGatewayFactory factory) : IClassFixture<ThreeJoinsGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Looking_up_codes_draws_on_the_join_budget_so_guessing_by_lookup_is_as_slow_as_guessing_by_joining()
    {
        var session = await api.CreateSession();
        foreach (var guess in new[] { "ABCDEFGH", "HGFEDCBA", "ZZZZ2222" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.Send(HttpMethod.Get, $"/api/sessions/{guess}")).StatusCode);
        }

        await Limited.ExpectRetryLater(await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}"), HttpStatusCode.TooManyRequests, "RateLimited");
        await Limited.ExpectRetryLater(
            await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/students", json: """{"name": "Guesser", "track": "cloud-titan"}"""),
            HttpStatusCode.TooManyRequests, "RateLimited");
    }
}
