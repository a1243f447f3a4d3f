using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSelection.Gateway.Tests;

/// <summary>Bad input gets a clear 4xx problem and changes nothing.</summary>
public sealed class BadInputTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private static readonly string Huge = new('x', 70_000);
    private readonly LabApi api = LabApi.For(factory);

    public static TheoryData<string, string, string, int> StudentRequests => new()
    {
        // Locks (part 2 is open and unlocked).
        { "PUT", "/api/me/parts/2/lock", """{"prediction": """, 400 },
        { "PUT", "/api/me/parts/2/lock", """{"prediction": "fewer"}""", 400 },
        { "PUT", "/api/me/parts/2/lock", """{"prediction": {"choice": "maybe"}}""", 400 },
        { "PUT", "/api/me/parts/2/lock", """{"prediction": {"choice": "fewer", "extra": 1}}""", 400 },
        { "PUT", "/api/me/parts/2/lock", """{"prediction": {"choice": "fewer"}, "extra": 1}""", 400 },
        { "PUT", "/api/me/parts/3/lock", """{"prediction": {"value": 40}}""", 400 },
        { "PUT", "/api/me/parts/4/lock", """{"prediction": {"choice": "fewer"}}""", 400 },
        { "PUT", "/api/me/parts/2/lock", """{"prediction": {"choice": 1}}""", 400 },
        // Runs on part 1 (locked, no run yet).
        { "POST", "/api/me/parts/1/runs", """{"parameters": {"threshold": NaN}}""", 400 },
        { "POST", "/api/me/parts/1/runs", """{"parameters": {"threshold": "NaN"}}""", 400 },
        { "POST", "/api/me/parts/1/runs", """{"parameters": {"threshold": 2}}""", 400 },
        { "POST", "/api/me/parts/1/runs", """{"parameters": {"threshold": 1e400}}""", 400 },
        { "POST", "/api/me/parts/1/runs", """{"parameters": {"numPerm": 100.5}}""", 400 },
        { "POST", "/api/me/parts/1/runs", """{"parameters": {"mix": 0.5}}""", 400 },
        { "POST", "/api/me/parts/1/runs", """{"parameters": [1, 2]}""", 400 },
        { "POST", "/api/me/parts/1/runs", """{"settings": {}}""", 400 },
        { "POST", "/api/me/parts/1/runs", """not json""", 400 },
        // Reflections and knees.
        { "PUT", "/api/me/parts/1/reflection", """{"text": 42}""", 400 },
        { "PUT", "/api/me/parts/1/reflection", """{"text": "too short"}""", 400 },
        { "PUT", "/api/me/parts/1/reflection", $$"""{"text": "{{new string('y', 9_000)}}"}""", 400 },
        { "POST", "/api/me/parts/2/knee", """{"value": -5}""", 400 },
        { "POST", "/api/me/parts/2/knee", """{"value": "400"}""", 400 },
        // Oversized bodies.
        { "PUT", "/api/me/parts/1/reflection", $$"""{"text": "{{Huge}}"}""", 413 },
    };

    [Theory]
    [MemberData(nameof(StudentRequests))]
    public async Task Bad_student_input_is_refused_with_a_problem_and_changes_nothing(string method, string path, string body, int status)
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code);
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 25}""")).StatusCode);
        var before = await MeAndLedger(student);

        await Problem.Expect(await api.Send(new HttpMethod(method), path, student.Token, body), (HttpStatusCode)status);

        Assert.Equal(before, await MeAndLedger(student));
    }

    public static TheoryData<string, int> JoinRequests => new()
    {
        { """{"name": "", "track": "cloud-titan"}""", 400 },
        { """{"name": "Ada", "track": "moon-base"}""", 400 },
        { """{"name": 7, "track": "cloud-titan"}""", 400 },
        { """{"name": "Ada\u0007", "track": "cloud-titan"}""", 400 },
        { $$"""{"name": "{{new string('n', 200)}}", "track": "cloud-titan"}""", 400 },
        { """{"name": "Ada", "track": "cloud-titan", "admin": true}""", 400 },
        { $$"""{"name": "{{Huge}}", "track": "cloud-titan"}""", 413 },
    };

    [Theory]
    [MemberData(nameof(JoinRequests))]
    public async Task Bad_joins_are_refused_and_add_nobody(string body, int status)
    {
        var session = await api.CreateSession();

        await Problem.Expect(await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/students", json: body), (HttpStatusCode)status);

        Assert.Equal(0, (await api.Dashboard(session)).GetProperty("joined").GetInt32());
    }

    [Theory]
    [InlineData("""{"title": ""}""")]
    [InlineData("""{"title": ["a"]}""")]
    [InlineData("""{"name": "x"}""")]
    public async Task Bad_session_titles_are_refused(string body)
    {
        await Problem.Expect(await api.Send(HttpMethod.Post, "/api/sessions", json: body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Instructor_refusals_are_problems_too()
    {
        var session = await api.CreateSession();

        await Problem.Expect(await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/parts/9/open", instructorKey: session.InstructorKey), HttpStatusCode.BadRequest);
        await Problem.Expect(await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/export?format=xlsx", instructorKey: session.InstructorKey), HttpStatusCode.BadRequest);
    }

    private async Task<string> MeAndLedger(TestStudent student)
    {
        var me = await api.Me(student);
        var ledger = await (await api.Send(HttpMethod.Get, "/api/me/ledger", student.Token)).Content.ReadFromJsonAsync<JsonElement>();
        return me.GetRawText() + ledger.GetRawText();
    }
}
