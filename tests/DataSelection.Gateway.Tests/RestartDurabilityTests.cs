using System.Net;
using System.Text.Json;

namespace DataSelection.Gateway.Tests;

public sealed class RestartDurabilityTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("dataselection-restart-").FullName;

    [Fact]
    public async Task Everything_acknowledged_survives_a_kill_and_restart_on_the_same_data_directory()
    {
        TestSession session;
        TestStudent student;
        string runId;
        await using (var first = await GatewayProcess.Start(dataDirectory))
        {
            var api = new LabApi(new HttpClient { BaseAddress = first.Address });
            session = await api.CreateSession("Crash course");
            student = await api.Join(session.Code, "Barbara Liskov", "edge-guardian");
            Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 35}""")).StatusCode);
            var run = await api.Run(student, 1);
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
            runId = JsonDocument.Parse(await run.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await api.Reflect(student, 1)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 2, """{"choice": "more"}""")).StatusCode);
            // Later joins and locks must reach the session's stored roster too, not only the first write.
            await api.Join(session.Code, "Edsger Dijkstra", "tiny-pioneer");
            var allen = await api.Join(session.Code, "Frances Allen", "cloud-titan");
            Assert.Equal(HttpStatusCode.Created, (await api.Lock(allen, 1, """{"value": 20}""")).StatusCode);

            first.Kill();
        }

        await using var second = await GatewayProcess.Start(dataDirectory);
        var again = new LabApi(new HttpClient { BaseAddress = second.Address });
        // The same token still works: the signing key was kept in the data directory.
        var me = await again.Me(student);
        var part1 = me.GetProperty("parts")[0];
        Assert.Equal("reflected", part1.GetProperty("status").GetString());
        Assert.Equal(35, part1.GetProperty("lock").GetProperty("prediction").GetProperty("value").GetDouble());
        Assert.Equal(1, part1.GetProperty("runs").GetInt32());
        Assert.Equal(runId, part1.GetProperty("latestRun").GetProperty("runId").GetString());
        Assert.Equal(JsonValueKind.Object, part1.GetProperty("latestResult").ValueKind);
        Assert.Equal("more", me.GetProperty("parts")[1].GetProperty("lock").GetProperty("prediction").GetProperty("choice").GetString());

        var ledger = JsonDocument.Parse(await (await again.Send(HttpMethod.Get, "/api/me/ledger", student.Token)).Content.ReadAsStringAsync()).RootElement;
        var kinds = ledger.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(2, kinds.Count(k => k == "lock"));
        Assert.Contains("run", kinds);
        Assert.Contains("reflection", kinds);
        var dashboard = await again.Dashboard(session);
        Assert.Equal(3, dashboard.GetProperty("joined").GetInt32());
        Assert.Equal(2, dashboard.GetProperty("progress")[0].GetProperty("locked").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("progress")[0].GetProperty("reflected").GetInt32());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
