using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSelection.Gateway.Tests.Telemetry;

/// <summary>A gateway with an ops key, so it serves the Orleans Dashboard.</summary>
public sealed class OpsGatewayFactory : LabGatewayFactory
{
    public const string Key = "ops-key-for-the-tests-0123456789";

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("DataSelection:Ops:Key", Key)];
}

public sealed class OpsDashboardTests(OpsGatewayFactory factory) : IClassFixture<OpsGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    [Trait("Category", "Security")]
    public async Task The_dashboard_refuses_anonymous_callers_students_instructors_and_wrong_keys()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code);
        var refusals = new List<HttpResponseMessage>
        {
            await api.Send(HttpMethod.Get, "/ops/dashboard/"),
            await api.Send(HttpMethod.Get, "/ops/dashboard/DashboardCounters"),
            await api.Send(HttpMethod.Get, "/ops/dashboard/", token: student.Token),
            await api.Send(HttpMethod.Get, "/ops/dashboard/ClusterStats", instructorKey: session.InstructorKey),
            await Get("/ops/dashboard/", basicPassword: OpsGatewayFactory.Key + "x"),
            await Get("/ops/dashboard/DashboardCounters", opsKeyHeader: "ops-key-for-the-tests-012345678"),
        };

        foreach (var refusal in refusals)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
            Assert.Contains(refusal.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
        }
        DataSelection.Testing.SecurityFigures.Record(DataSelection.Testing.SecurityFigures.RoutesActorsChecked, refusals.Count, "ops");
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task The_ops_key_opens_the_dashboard_page_and_its_cluster_data()
    {
        var page = await Get("/ops/dashboard/", basicPassword: OpsGatewayFactory.Key);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The silo publishes its counters about once a second: the first answers may not count it yet.
        var counters = await Eventually.Until(async () =>
            {
                var response = await Get("/ops/dashboard/DashboardCounters", opsKeyHeader: OpsGatewayFactory.Key);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            },
            json => json.GetProperty("totalActiveHostCount").GetInt32() >= 1, "the dashboard counting this silo");
        Assert.True(counters.GetProperty("hosts").GetArrayLength() >= 1, counters.ToString());
        DataSelection.Testing.SecurityFigures.Record(DataSelection.Testing.SecurityFigures.RoutesActorsChecked, 2, "ops");
    }

    private Task<HttpResponseMessage> Get(string path, string? basicPassword = null, string? opsKeyHeader = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (basicPassword is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"ops:{basicPassword}")));
        }
        if (opsKeyHeader is not null)
        {
            request.Headers.Add("X-Ops-Key", opsKeyHeader);
        }
        return api.Http.SendAsync(request);
    }
}

public sealed class OpsDashboardOffTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    [Fact]
    [Trait("Category", "Security")]
    public async Task Without_an_ops_key_there_is_no_dashboard_at_all()
    {
        var response = await LabApi.For(factory).Send(HttpMethod.Get, "/ops/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        DataSelection.Testing.SecurityFigures.Record(DataSelection.Testing.SecurityFigures.RoutesActorsChecked, 1, "ops");
    }
}
