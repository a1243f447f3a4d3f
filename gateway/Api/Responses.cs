using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Gateway.Api;

public sealed record SessionCreated(string Code, string InstructorKey, string Title);

public sealed record StudentJoined(string StudentId, string Token, string SessionCode, string Track);

/// <summary>A student's whole state, as <c>GET /api/me</c> and the hub's <c>GetState</c> return it.</summary>
public sealed record MeResponse(
    string SessionCode,
    string StudentId,
    string Name,
    string Track,
    DateTimeOffset JoinedAt,
    long Sequence,
    IReadOnlyList<PartState> Parts);

/// <param name="LatestResult">The latest run's whole result, as JSON (not a string).</param>
public sealed record PartState(
    int Part,
    string Status,
    LockRecord? Lock,
    int Runs,
    int? CountedRunsLeft,
    RunInfo? LatestRun,
    EmbeddedJson? LatestResult,
    KneeRecord? Knee,
    ReflectionRecord? Reflection,
    LockScore? Score,
    bool Revealed);

/// <param name="Settings">The run's settings (serialized by their concrete type).</param>
public sealed record RunInfo(string RunId, int RunNumber, DateTimeOffset At, object Settings, RunSummary Summary, bool FromCache);

/// <summary>A finished run as <c>POST …/runs</c> returns it: the result embedded as JSON.</summary>
public sealed record RunResponse(
    string RunId,
    int Part,
    int RunNumber,
    int? CountedRunsLeft,
    object Settings,
    RunSummary Summary,
    bool FromCache,
    DateTimeOffset At,
    EmbeddedJson? Result)
{
    public static RunResponse From(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.RunId, run.Part, run.RunNumber, run.CountedRunsLeft, run.Settings, run.Summary, run.FromCache, run.At, EmbeddedJson.From(run.ResultJson));
    }
}

public sealed record LedgerResponse(StudentIdentity Identity, IReadOnlyList<LedgerLine> Entries);

/// <param name="Detail">The entry's data, as JSON.</param>
public sealed record LedgerLine(int Sequence, DateTimeOffset At, string Kind, int Part, string Summary, EmbeddedJson? Detail);
