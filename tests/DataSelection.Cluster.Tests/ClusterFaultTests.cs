using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace DataSelection.Cluster.Tests;

/// <summary>Two silos and two gateways on Redis, as real processes; faults injected with kill -9 and a Redis restart.</summary>
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private const int ClassSize = 50;

    [Fact]
    public async Task Fifty_students_on_two_gateways_lock_run_and_reflect_while_an_instructor_on_the_other_gateway_watches_live()
    {
        await using var cluster = await LabCluster.Start();
        var classroom = new Classroom();
        using var studentsHttp = Classroom.Http(cluster.Gateways[0].Address);
        using var otherHttp = Classroom.Http(cluster.Gateways[1].Address);
        var session = await Classroom.CreateSession(otherHttp, "Cluster class");

        await using var instructorHub = Classroom.Hub(cluster.Gateways[1].Address, $"/hubs/instructor?code={session.Code}&key={Uri.EscapeDataString(session.InstructorKey)}");
        var dashboards = new List<JsonElement>();
        instructorHub.On<JsonElement>("Dashboard", d => { lock (dashboards) { dashboards.Add(d); } });
        await instructorHub.StartAsync();

        var clock = Stopwatch.StartNew();
        var students = await JoinClass(classroom, session, [studentsHttp, otherHttp]);
        await Task.WhenAll(students.Select((s, i) => Journey(classroom, i % 2 == 0 ? studentsHttp : otherHttp, s)));
        output.WriteLine($"{ClassSize} students through part 1 in {clock.Elapsed.TotalSeconds:F1} s");

        await Eventually.Until(() => Task.FromResult(Reflected(dashboards)), n => n == ClassSize, "the instructor's hub to show every reflection");
        var dashboard = await Classroom.Get(otherHttp, $"/api/sessions/{session.Code}/dashboard", instructorKey: session.InstructorKey);
        Assert.Equal(ClassSize, dashboard.GetProperty("joined").GetInt32());
        Assert.Equal(ClassSize, dashboard.GetProperty("progress")[0].GetProperty("reflected").GetInt32());
        foreach (var student in students)
        {
            Assert.Equal(0, await Classroom.Missing(otherHttp, student));
        }
        Assert.Equal(0, classroom.Retries);
    }

    /// <summary>kill -9 is a crash; SIGTERM is a rolling restart, where the silo hands its grains over as it stops.</summary>
    [Theory]
    [InlineData("kill -9")]
    [InlineData("SIGTERM")]
    public async Task After_a_silo_stops_mid_run_every_student_goes_on_and_no_acknowledged_step_is_lost(string how)
    {
        await using var cluster = await LabCluster.Start();
        var classroom = new Classroom();
        using var gatewayA = Classroom.Http(cluster.Gateways[0].Address);
        using var gatewayB = Classroom.Http(cluster.Gateways[1].Address);
        var session = await Classroom.CreateSession(gatewayA, "Silo fault");
        var students = await JoinClass(classroom, session, [gatewayA, gatewayB]);
        await Task.WhenAll(students.Select((s, i) => classroom.Lock(i % 2 == 0 ? gatewayA : gatewayB, s, 1, """{"value": 40}""")));

        // Runs in flight when the silo dies.
        var runs = students.Select((s, i) => classroom.Run(i % 2 == 0 ? gatewayA : gatewayB, s, 1)).ToList();
        var killedAt = Stopwatch.StartNew();
        if (how == "SIGTERM")
        {
            await cluster.Silos[0].Process.Stop(TimeSpan.FromSeconds(45));
        }
        else
        {
            cluster.Silos[0].Process.Kill();
        }
        await Task.WhenAll(runs);
        var runsDone = killedAt.Elapsed;
        await Task.WhenAll(students.Select((s, i) => Finish(classroom, i % 2 == 0 ? gatewayA : gatewayB, s)));
        var allDone = killedAt.Elapsed;

        var lost = 0;
        foreach (var student in students)
        {
            lost += await Classroom.Missing(gatewayB, student);
        }
        var dashboard = await Eventually.Until(() => Classroom.Get(gatewayB, $"/api/sessions/{session.Code}/dashboard", instructorKey: session.InstructorKey),
            d => d.GetProperty("progress")[0].GetProperty("reflected").GetInt32() == ClassSize, "the dashboard to count every reflection");
        Assert.Equal(ClassSize, dashboard.GetProperty("joined").GetInt32());
        output.WriteLine($"FIGURE silo {how}: runs in flight all answered {runsDone.TotalSeconds:F1} s after the signal; class finished at {allDone.TotalSeconds:F1} s; " +
            $"operations retried {classroom.Retries}; most attempts for one operation {classroom.MostAttempts}; longest retried operation {classroom.LongestRecovery.TotalSeconds:F1} s; lost {lost}");
        Assert.Equal(0, lost);
    }

    [Fact]
    public async Task After_kill_9_of_a_gateway_its_students_resume_on_the_other_gateway_with_their_state_intact()
    {
        await using var cluster = await LabCluster.Start();
        var classroom = new Classroom();
        using var doomed = Classroom.Http(cluster.Gateways[0].Address);
        using var survivor = Classroom.Http(cluster.Gateways[1].Address);
        var session = await Classroom.CreateSession(survivor, "Gateway fault");
        var students = await JoinClass(classroom, session, [doomed]);
        await Task.WhenAll(students.Select(s => classroom.Lock(doomed, s, 1, """{"value": 30}""")));
        var firstRuns = await Task.WhenAll(students.Select(s => classroom.Run(doomed, s, 1)));

        await using var hub = Classroom.Hub(cluster.Gateways[0].Address, $"/hubs/lab?access_token={Uri.EscapeDataString(students[0].Token)}");
        await hub.StartAsync();

        var killedAt = Stopwatch.StartNew();
        cluster.Gateways[0].Process.Kill();

        // The page reconnects to the other gateway and resyncs from the grain's state.
        await using var resumed = Classroom.Hub(cluster.Gateways[1].Address, $"/hubs/lab?access_token={Uri.EscapeDataString(students[0].Token)}");
        await resumed.StartAsync();
        var state = await resumed.InvokeAsync<JsonElement>("GetState");
        var hubResumed = killedAt.Elapsed;
        Assert.Equal(firstRuns[0], state.GetProperty("parts")[0].GetProperty("latestRun").GetProperty("runId").GetString());

        for (var i = 0; i < students.Count; i++)
        {
            var me = await Classroom.Get(survivor, "/api/me", students[i].Token);
            var part1 = me.GetProperty("parts")[0];
            Assert.Equal(30, part1.GetProperty("lock").GetProperty("prediction").GetProperty("value").GetDouble());
            Assert.Equal(firstRuns[i], part1.GetProperty("latestRun").GetProperty("runId").GetString());
        }
        await Task.WhenAll(students.Select(s => classroom.Reflect(survivor, s, 1)));
        var lost = 0;
        foreach (var student in students)
        {
            lost += await Classroom.Missing(survivor, student);
        }
        output.WriteLine($"FIGURE gateway kill -9: hub resumed on the other gateway {hubResumed.TotalSeconds:F2} s after the kill; class finished at {killedAt.Elapsed.TotalSeconds:F1} s; " +
            $"operations retried {classroom.Retries}; lost {lost}");
        Assert.Equal(0, lost);
    }

    [Fact]
    public async Task After_Redis_restarts_on_its_directory_nothing_acknowledged_is_lost()
    {
        await using var cluster = await LabCluster.Start();
        var classroom = new Classroom();
        using var gatewayA = Classroom.Http(cluster.Gateways[0].Address);
        using var gatewayB = Classroom.Http(cluster.Gateways[1].Address);
        var session = await Classroom.CreateSession(gatewayA, "Redis restart");
        var students = await JoinClass(classroom, session, [gatewayA, gatewayB]);
        await Task.WhenAll(students.Select((s, i) => classroom.Lock(i % 2 == 0 ? gatewayA : gatewayB, s, 1, """{"value": 50}""")));
        await Task.WhenAll(students.Select((s, i) => classroom.Run(i % 2 == 0 ? gatewayA : gatewayB, s, 1)));

        var restartedAt = Stopwatch.StartNew();
        await cluster.Redis.Stop();
        await cluster.Redis.Start();
        var redisBack = restartedAt.Elapsed;
        await Task.WhenAll(students.Select((s, i) => classroom.Reflect(i % 2 == 0 ? gatewayA : gatewayB, s, 1)));
        var serving = restartedAt.Elapsed;

        // Nothing may come from memory: new processes read the grains back from Redis.
        await cluster.ReplaceEveryNode();
        using var fresh = Classroom.Http(cluster.Gateways[0].Address);
        var lost = 0;
        foreach (var student in students)
        {
            lost += await Classroom.Missing(fresh, student);
        }
        var dashboard = await Classroom.Get(fresh, $"/api/sessions/{session.Code}/dashboard", instructorKey: session.InstructorKey);
        Assert.Equal(ClassSize, dashboard.GetProperty("joined").GetInt32());
        output.WriteLine($"FIGURE Redis restart: Redis answering again {redisBack.TotalSeconds:F1} s after SIGTERM; every reflection acknowledged by {serving.TotalSeconds:F1} s; " +
            $"operations retried {classroom.Retries}; lost {lost}");
        Assert.Equal(0, lost);
    }

    private static async Task<List<Student>> JoinClass(Classroom classroom, Session session, HttpClient[] gateways) =>
        [.. await Task.WhenAll(Enumerable.Range(0, ClassSize).Select(i => classroom.Join(gateways[i % gateways.Length], session, $"Student {i:D2}")))];

    private static async Task Journey(Classroom classroom, HttpClient http, Student student)
    {
        await classroom.Lock(http, student, 1, """{"value": 45}""");
        await Finish(classroom, http, student);
    }

    private static async Task Finish(Classroom classroom, HttpClient http, Student student)
    {
        await classroom.Run(http, student, 1);
        await classroom.Reflect(http, student, 1);
    }

    private static int Reflected(List<JsonElement> dashboards)
    {
        lock (dashboards)
        {
            return dashboards.Count == 0 ? 0 : dashboards.Max(d => d.GetProperty("progress")[0].GetProperty("reflected").GetInt32());
        }
    }
}
