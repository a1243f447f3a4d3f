using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataSelection.Gateway.Tests.Fuzz;

/// <summary>
/// A classroom to attack: a session and a student who has locked and run Part 1, with Parts 2 and 3
/// open and unlocked (so a valid lock or run there would succeed and change state).
/// <see cref="Snapshot"/> is everything a student and the instructor can see, to compare before and after.
/// </summary>
public sealed record FuzzClassroom(LabApi Api, TestSession Session, TestStudent Student)
{
    public static async Task<FuzzClassroom> Open(LabApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var session = await api.CreateSession("Fuzzing");
        var student = await api.Join(session.Code, "Fuzz Target");
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(student, 1, """{"value": 25}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Run(student, 1)).StatusCode);
        return new(api, session, student);
    }

    /// <summary>The student's state, Ledger (JSON and Markdown), the session, dashboard, roster and export.</summary>
    public async Task<string> Snapshot()
    {
        var parts = new List<string>
        {
            await Read("/api/me", token: Student.Token),
            await Read("/api/me/ledger", token: Student.Token),
            await Read("/api/me/ledger.md", token: Student.Token),
            await Read($"/api/sessions/{Session.Code}"),
            WithoutClock(await Read($"/api/sessions/{Session.Code}/dashboard", key: Session.InstructorKey)),
            await Read($"/api/sessions/{Session.Code}/roster", key: Session.InstructorKey),
            await Read($"/api/sessions/{Session.Code}/export?format=json", key: Session.InstructorKey),
        };
        return string.Join("\n", parts);
    }

    private async Task<string> Read(string path, string? token = null, string? key = null)
    {
        using var response = await Api.Send(HttpMethod.Get, path, token, instructorKey: key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The dashboard without what moves with the clock or with delivery rather than with state: its
    /// timestamp, the stuck list, the sequence (one per snapshot pushed, e.g. when a dashboard connects),
    /// and the measured answers to the lock questions, which the server computes in the background after
    /// the first lock of a track and part and may finish at any moment.
    /// </summary>
    private static string WithoutClock(string dashboard)
    {
        var node = JsonNode.Parse(dashboard)!.AsObject();
        node.Remove("at");
        node.Remove("sequence");
        node.Remove("stuck");
        node.Remove("stuckCount");
        foreach (var prediction in node["predictions"]?.AsArray() ?? [])
        {
            prediction?.AsObject().Remove("measured");
        }
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
