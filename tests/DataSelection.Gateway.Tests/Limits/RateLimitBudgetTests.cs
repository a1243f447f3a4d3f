using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Gateway.Tests.Limits;

[Trait("Category", "Security")]
public sealed class RateLimitBudgetTests(TinyBudgetGatewayFactory factory) : IClassFixture<TinyBudgetGatewayFactory>
{
    private const int RunBurst = 2;
    private const int WriteBurst = 3;
    private const string InvalidRun = """{"mix": "lots"}""";

    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task A_student_past_the_run_burst_gets_429_with_Retry_After_nothing_changes_and_a_later_retry_runs()
    {
        var student = await LockedStudent("Quick");
        var before = await Limited.Footprint(api, student, 3);

        await Limited.ExpectRetryLater(await Limited.SpendUntilRefused(RunBurst, () => api.Run(student, 3, InvalidRun)),
            HttpStatusCode.TooManyRequests, "RateLimited");
        await Limited.ExpectRetryLater(await api.Run(student, 3, """{"mix": 0.3}"""), HttpStatusCode.TooManyRequests, "RateLimited");

        Assert.Equal(before, await Limited.Footprint(api, student, 3));
        await Limited.UntilAccepted(() => api.Run(student, 3, """{"mix": 0.3}"""), "a run after the student's budget refilled");
        Assert.Equal(before.Runs + 1, (await Limited.Footprint(api, student, 3)).Runs);
    }

    [Fact]
    public async Task Runs_over_the_lab_hub_draw_on_the_same_budget_and_are_refused_with_a_hub_error_naming_the_wait()
    {
        var student = await LockedStudent("Hubby");
        await using var hub = api.LabHub(student.Token);
        await hub.StartAsync();
        await Limited.SpendUntilRefused(RunBurst, () => api.Run(student, 3, InvalidRun));
        var before = await Limited.Footprint(api, student, 3);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.6}""").RootElement));

        Assert.Contains("HubException: RateLimited: ", refused.Message, StringComparison.Ordinal);
        Assert.Matches(@"Retry in \d+ s\.", refused.Message);
        Assert.Equal(before, await Limited.Footprint(api, student, 3));
        Assert.Equal(HubConnectionState.Connected, hub.State);
        await Eventually.Until(
            async () =>
            {
                try
                {
                    return await hub.InvokeAsync<JsonElement>("Run", 3, JsonDocument.Parse("""{"mix": 0.6}""").RootElement);
                }
                catch (HubException exception) when (exception.Message.Contains("RateLimited: ", StringComparison.Ordinal))
                {
                    return (JsonElement?)null;
                }
            },
            run => run is not null,
            "a hub run after the student's budget refilled");
        Assert.Equal(before.Runs + 1, (await Limited.Footprint(api, student, 3)).Runs);
    }

    [Fact]
    public async Task A_session_past_its_run_budget_refuses_its_next_run_while_other_sessions_run()
    {
        var busy = await api.CreateSession("Busy class");
        var first = await LockedStudent("First", busy);
        var second = await LockedStudent("Second", busy);
        var other = await LockedStudent("Elsewhere");
        await Limited.SpendUntilRefused(RunBurst, () => api.Run(first, 3, InvalidRun));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Run(second, 3, InvalidRun)).StatusCode);

        // The second student has a run left of their own: the session's three a minute refuse it.
        await Limited.ExpectRetryLater(await api.Run(second, 3, """{"mix": 0.2}"""), HttpStatusCode.TooManyRequests, "RateLimited");

        Assert.Equal(0, (await Limited.Footprint(api, second, 3)).Runs);
        Assert.Equal(HttpStatusCode.OK, (await api.Run(other, 3, """{"mix": 0.2}""")).StatusCode);
    }

    [Fact]
    public async Task Saves_past_the_students_burst_get_429_and_store_nothing_then_pass_after_the_wait()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code, "Writer", "tiny-pioneer");
        await Limited.SpendUntilRefused(WriteBurst, () => api.Reflect(student, 3, "Too short."));
        var before = await Limited.Footprint(api, student, 3);

        await Limited.ExpectRetryLater(await api.Lock(student, 3, """{"choice": "improves"}"""), HttpStatusCode.TooManyRequests, "RateLimited");

        Assert.Equal(before, await Limited.Footprint(api, student, 3));
        Assert.Equal(JsonValueKind.Null, (await api.Me(student)).GetProperty("parts")[2].GetProperty("lock").ValueKind);
        await Limited.UntilAccepted(() => api.Lock(student, 3, """{"choice": "improves"}"""), "a lock after the student's budget refilled");
    }

    private async Task<TestStudent> LockedStudent(string name, TestSession? session = null)
    {
        var student = await api.Join((session ?? await api.CreateSession()).Code, name, "tiny-pioneer");
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 3, """{"choice": "improves"}""")).StatusCode);
        return student;
    }
}

[Trait("Category", "Security")]
public sealed class AddressRateLimitTests(OneAddressGatewayFactory factory) : IClassFixture<OneAddressGatewayFactory>
{
    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task One_address_past_its_budgets_gets_429_for_runs_and_new_sessions_whoever_asks()
    {
        var session = await api.CreateSession();
        var students = new List<TestStudent>();
        for (var i = 0; i < 4; i++)
        {
            var student = await api.Join(session.Code, $"Student {i}", "tiny-pioneer");
            await api.Lock(student, 3, """{"choice": "improves"}""");
            students.Add(student);
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await api.Run(students[i], 3, """{"mix": "lots"}""")).StatusCode);
        }

        await Limited.ExpectRetryLater(await api.Run(students[3], 3, """{"mix": 0.5}"""), HttpStatusCode.TooManyRequests, "RateLimited");
        Assert.Equal(0, (await Limited.Footprint(api, students[3], 3)).Runs);

        await api.CreateSession("Second");
        await Limited.ExpectRetryLater(
            await api.Send(HttpMethod.Post, "/api/sessions", json: """{"title": "Third"}"""), HttpStatusCode.TooManyRequests, "RateLimited");
    }
}
