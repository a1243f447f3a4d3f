using DataSelection.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataSelection.Gateway.Tests.Fuzz;

/// <summary>
/// Generated requests against every route of the route table: each invalid one gets a 4xx
/// problem, none gets a 5xx, and afterwards the classroom looks exactly as before.
/// </summary>
[Trait("Category", "Security")]
public sealed class ApiFuzzTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    /// <summary>Fixed, so a failure printed with its seed and case number reproduces.</summary>
    private const int Seed = 20_260_601;

    private const int CasesPerRoute = 90;

    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Every_route_refuses_generated_bad_requests_with_a_4xx_and_the_classroom_is_unchanged()
    {
        var room = await FuzzClassroom.Open(api);
        var before = await room.Snapshot();
        var input = new HostileInput(Seed);
        var results = new FuzzResults();

        var routes = RoutePatterns();
        var unfuzzed = routes.Where(r => !ApiCases.ByRoute.ContainsKey(r)).ToList();
        var index = 0;
        foreach (var route in routes.Where(ApiCases.ByRoute.ContainsKey))
        {
            for (var i = 0; i < CasesPerRoute; i++, index++)
            {
                await results.Send(api.Http, ApiCases.Generate(route, input, room), Seed, index);
            }
        }
        var after = await room.Snapshot();

        SecurityFigures.Record(SecurityFigures.FuzzCases, results.Sent, "api");
        SecurityFigures.Record(SecurityFigures.ServerErrors, results.ServerErrors, "api");
        Assert.True(unfuzzed.Count == 0, $"Routes without generated cases (add them to {nameof(ApiCases)}): {string.Join(", ", unfuzzed)}");
        Assert.True(results.Failures.Count == 0, FuzzResults.Report(results.Failures));
        Assert.Equal(before, after);
    }

    private List<string> RoutePatterns() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
