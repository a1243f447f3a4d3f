using System.Text.Json;

namespace DataSelection.Client.Load;

// The few fields the load generator reads of what the gateway sends; the rest of each message
// (whole results, histograms) is skipped by the deserializer rather than materialized.

/// <summary>A <c>StudentEvent</c> push on <c>/hubs/lab</c>.</summary>
public sealed record PushedStudentEvent(string Kind, int Part, string? RunId);

/// <summary>A <c>Dashboard</c> push on <c>/hubs/instructor</c>: its progress counts.</summary>
public sealed record PushedDashboard(long Sequence, int Joined, IReadOnlyList<PushedPartProgress> Progress);

public sealed record PushedPartProgress(int Part, int Locked, int Working, int Reflected, int Runs);

/// <summary>What the hub's <c>Run</c> answers.</summary>
public sealed record RunAcknowledgement(string RunId, int Part, int RunNumber, bool FromCache, RunAcknowledgementSummary? Summary);

public sealed record RunAcknowledgementSummary(IReadOnlyDictionary<string, double>? Metrics);

/// <summary>The answer to <c>POST /api/sessions</c>.</summary>
public sealed record CreatedSession(string Code, string InstructorKey);

/// <summary>The answer to <c>POST /api/sessions/{code}/students</c>.</summary>
public sealed record JoinedStudent(string StudentId, string Token);

/// <summary>Names of the hub methods and pushes (as docs/API.md lists them).</summary>
public static class HubNames
{
    public const string LabHub = "/hubs/lab";
    public const string InstructorHub = "/hubs/instructor";
    public const string StudentEvent = "StudentEvent";
    public const string Dashboard = "Dashboard";
    public const string Run = "Run";
    public const string RunResult = "run-result";
    public const string RunFailed = "run-failed";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
