using System.Net;
using System.Net.Http.Json;

namespace DataSelection.Gateway.Tests;

/// <summary>A gateway allowing three joins a minute per address.</summary>
public sealed class FewJoinsGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("DataSelection:RateLimits:Enabled", "true"), ("DataSelection:RateLimits:JoinsPerMinute", "3")];
}

/// <summary>A gateway allowing one run a minute per student, and no burst beyond it.</summary>
public sealed class OneRunGatewayFactory : LabGatewayFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("DataSelection:RateLimits:Enabled", "true"), ("DataSelection:RateLimits:RunsPerMinute", "1"), ("DataSelection:RateLimits:RunBurst", "1")];
}

public sealed class JoinRateLimitTests(FewJoinsGatewayFactory factory) : IClassFixture<FewJoinsGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Joins_beyond_the_limit_per_address_are_refused_with_429()
    {
        var session = await api.CreateSession();
        for (var i = 0; i < 3; i++)
        {
            await api.Join(session.Code, $"Student {i}");
        }

        await Problem.Expect(await api.Http.PostAsJsonAsync($"/api/sessions/{session.Code}/students", new { name = "One too many", track = "cloud-titan" }),
            HttpStatusCode.TooManyRequests);
    }
}

public sealed class RunRateLimitTests(OneRunGatewayFactory factory) : IClassFixture<OneRunGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Runs_are_limited_per_student_not_per_class()
    {
        var session = await api.CreateSession();
        var first = await api.Join(session.Code, "First");
        var second = await api.Join(session.Code, "Second");
        foreach (var student in new[] { first, second })
        {
            await api.Lock(student, 3, """{"choice": "improves"}""");
        }

        Assert.Equal(HttpStatusCode.OK, (await api.Run(first, 3)).StatusCode);
        await Problem.Expect(await api.Run(first, 3), HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await api.Run(second, 3)).StatusCode);
    }
}
