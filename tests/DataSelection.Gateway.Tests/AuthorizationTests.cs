using System.Net;
using System.Text.Json;

namespace DataSelection.Gateway.Tests;

/// <summary>Tokens bind (session, student); instructor routes need the session's own key.</summary>
public sealed class AuthorizationTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task Student_routes_without_a_token_are_unauthorized()
    {
        await Problem.Expect(await api.Send(HttpMethod.Get, "/api/me"), HttpStatusCode.Unauthorized);
        await Problem.Expect(await api.Send(HttpMethod.Put, "/api/me/parts/1/lock", json: """{"prediction": {"value": 1}}"""), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tampered_token_is_unauthorized()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code);
        var other = await api.Join(session.Code, "Mallory");
        var (payload, signature) = (student.Token[..student.Token.IndexOf('.')], student.Token[(student.Token.IndexOf('.') + 1)..]);
        var otherPayload = other.Token[..other.Token.IndexOf('.')];

        // Someone else's payload under this signature, a flipped signature character, and garbage.
        await Problem.Expect(await api.Send(HttpMethod.Get, "/api/me", $"{otherPayload}.{signature}"), HttpStatusCode.Unauthorized);
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        await Problem.Expect(await api.Send(HttpMethod.Get, "/api/me", $"{payload}.{flipped}"), HttpStatusCode.Unauthorized);
        await Problem.Expect(await api.Send(HttpMethod.Get, "/api/me", "not-a-token"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_acts_only_on_its_own_student_in_its_own_session()
    {
        var first = await api.CreateSession("First");
        var second = await api.CreateSession("Second");
        var alice = await api.Join(first.Code, "Alice");
        var bob = await api.Join(second.Code, "Bob");
        await api.Lock(bob, 1, """{"value": 10}""");

        Assert.Equal(HttpStatusCode.Created, (await api.Lock(alice, 1, """{"value": 90}""")).StatusCode);

        var me = await api.Me(alice);
        Assert.Equal(first.Code, me.GetProperty("sessionCode").GetString());
        Assert.Equal("Alice", me.GetProperty("name").GetString());
        var bobsView = await api.Me(bob);
        Assert.Equal(10, bobsView.GetProperty("parts")[0].GetProperty("lock").GetProperty("prediction").GetProperty("value").GetDouble());
        // A student token opens no instructor route, of any session.
        await Problem.Expect(await api.Send(HttpMethod.Get, $"/api/sessions/{first.Code}/dashboard", alice.Token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Instructor_routes_need_the_key_of_that_very_session()
    {
        var session = await api.CreateSession();
        var other = await api.CreateSession();
        var dashboard = $"/api/sessions/{session.Code}/dashboard";

        await Problem.Expect(await api.Send(HttpMethod.Get, dashboard), HttpStatusCode.Unauthorized);
        await Problem.Expect(await api.Send(HttpMethod.Get, dashboard, instructorKey: "wrong"), HttpStatusCode.Forbidden);
        await Problem.Expect(await api.Send(HttpMethod.Get, dashboard, instructorKey: other.InstructorKey), HttpStatusCode.Forbidden);
        await Problem.Expect(await api.Send(HttpMethod.Post, $"/api/sessions/{session.Code}/parts/1/close", instructorKey: other.InstructorKey), HttpStatusCode.Forbidden);
        await Problem.Expect(await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/export?format=csv"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Get, dashboard, instructorKey: session.InstructorKey)).StatusCode);
        var info = await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}");
        Assert.DoesNotContain(session.InstructorKey, await info.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hubs_refuse_connections_without_valid_credentials()
    {
        var session = await api.CreateSession();
        var other = await api.CreateSession();
        var student = await api.Join(session.Code);

        await using var forged = api.LabHub(student.Token + "x");
        await Assert.ThrowsAnyAsync<Exception>(() => forged.StartAsync());
        await using var wrongKey = api.InstructorHub(session, other.InstructorKey);
        await Assert.ThrowsAnyAsync<Exception>(() => wrongKey.StartAsync());

        await using var genuine = api.LabHub(student.Token);
        await genuine.StartAsync();
        var state = await Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.InvokeAsync<JsonElement>(genuine, "GetState");
        Assert.Equal(student.StudentId, state.GetProperty("studentId").GetString());
    }
}
