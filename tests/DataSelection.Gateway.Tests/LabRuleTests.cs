using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSelection.Gateway.Tests;

/// <summary>Every rule of the lab, enforced by the server and answered with 409 and the rule's name.</summary>
public sealed class LabRuleTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    private async Task<(TestSession Session, TestStudent Student)> Joined(string track = "cloud-titan")
    {
        var session = await api.CreateSession();
        return (session, await api.Join(session.Code, "Student", track));
    }

    [Fact]
    public async Task A_lock_cannot_be_changed_once_committed()
    {
        var (_, student) = await Joined();
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 2, """{"choice": "fewer"}""")).StatusCode);

        await Problem.ExpectRule(await api.Lock(student, 2, """{"choice": "more"}"""), HttpStatusCode.Conflict, "AlreadyLocked");
        var me = await api.Me(student);
        Assert.Equal("fewer", me.GetProperty("parts")[1].GetProperty("lock").GetProperty("prediction").GetProperty("choice").GetString());
    }

    [Fact]
    public async Task The_workbench_stays_closed_until_the_part_is_locked()
    {
        var (_, student) = await Joined();

        await Problem.ExpectRule(await api.Run(student, 1), HttpStatusCode.Conflict, "LockRequired");
        Assert.Equal(0, (await api.Me(student)).GetProperty("parts")[0].GetProperty("runs").GetInt32());
    }

    [Fact]
    public async Task A_reflection_needs_a_run_first()
    {
        var (_, student) = await Joined();
        await api.Lock(student, 1, """{"value": 30}""");

        await Problem.ExpectRule(await api.Reflect(student, 1), HttpStatusCode.Conflict, "RunRequired");
        Assert.Equal(JsonValueKind.Null, (await api.Me(student)).GetProperty("parts")[0].GetProperty("reflection").ValueKind);
    }

    [Fact]
    public async Task A_part_the_instructor_closed_refuses_locks_until_reopened()
    {
        var (session, student) = await Joined();
        var closed = await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/parts/1/close", instructorKey: session.InstructorKey);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        await Problem.ExpectRule(await api.Lock(student, 1, """{"value": 30}"""), HttpStatusCode.Conflict, "PartClosed");

        await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/parts/1/open", instructorKey: session.InstructorKey);
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 30}""")).StatusCode);
    }

    [Fact]
    public async Task Part_two_allows_ten_counted_runs_then_scores_the_knee_once()
    {
        var (_, student) = await Joined("mobile-nomad");
        await api.Lock(student, 2, """{"choice": "fewer"}""");
        for (var run = 1; run <= 10; run++)
        {
            var response = await api.Run(student, 2);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"run {run}: {await response.Content.ReadAsStringAsync()}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(10 - run, body.GetProperty("countedRunsLeft").GetInt32());
        }

        await Problem.ExpectRule(await api.Run(student, 2), HttpStatusCode.Conflict, "RunLimitReached");
        Assert.Equal(10, (await api.Me(student)).GetProperty("parts")[1].GetProperty("runs").GetInt32());

        var knee = await api.Send(HttpMethod.Post, "/api/me/parts/2/knee", student.Token, """{"value": 400}""");
        Assert.Equal(HttpStatusCode.OK, knee.StatusCode);
        var scored = await knee.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, scored.GetProperty("value").GetInt32());
        Assert.InRange(scored.GetProperty("score").GetDouble(), 0, 100);
        Assert.True(scored.GetProperty("measuredKnee").GetInt32() > 0);

        await Problem.ExpectRule(await api.Send(HttpMethod.Post, "/api/me/parts/2/knee", student.Token, """{"value": 500}"""),
            HttpStatusCode.Conflict, "AlreadySubmitted");
    }

    [Fact]
    public async Task An_unknown_session_code_is_not_found()
    {
        await Problem.Expect(await api.Http.PostAsJsonAsync("/api/sessions/ZZZZZZZZ/students", new { name = "A", track = "cloud-titan" }), HttpStatusCode.NotFound);
        await Problem.Expect(await api.Http.PostAsJsonAsync("/api/sessions/not-a-code/students", new { name = "A", track = "cloud-titan" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Session_codes_avoid_look_alike_characters_and_instructor_keys_carry_128_bits()
    {
        var session = await api.CreateSession();

        Assert.Equal(8, session.Code.Length);
        Assert.DoesNotContain(session.Code, c => c is '0' or 'O' or '1' or 'I');
        Assert.True(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(session.InstructorKey).Length >= 16);
        // Codes are typed by people: lower case joins the same session.
        Assert.Equal(HttpStatusCode.Created, (await api.Http.PostAsJsonAsync($"/api/sessions/{session.Code.ToLowerInvariant()}/students", new { name = "B", track = "tiny-pioneer" })).StatusCode);
    }
}
