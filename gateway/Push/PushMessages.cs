using DataSelection.Contracts.Students;
using DataSelection.Gateway.Api;

namespace DataSelection.Gateway.Push;

/// <summary>Names of the client methods the hubs call.</summary>
public static class PushMethods
{
    /// <summary>Lab hub: a <see cref="StudentEventMessage"/> (run progress, run result, state change).</summary>
    public const string StudentEvent = "StudentEvent";

    /// <summary>Both hubs: the session's <see cref="Contracts.Sessions.SessionInfo"/> after pacing changed.</summary>
    public const string Pacing = "Pacing";

    /// <summary>Lab hub: the session's <see cref="Contracts.Sessions.SessionInfo"/> once the instructor ended it; the connection closes right after.</summary>
    public const string SessionEnded = "SessionEnded";

    /// <summary>Instructor hub: a <see cref="Contracts.Sessions.DashboardSnapshot"/>.</summary>
    public const string Dashboard = "Dashboard";
}

/// <summary>A student event as the page receives it: the grain's sequence number, and the data embedded as JSON.</summary>
public sealed record StudentEventMessage(string Kind, int Part, string? RunId, string Stage, double Fraction, long Sequence, EmbeddedJson? Data)
{
    public static StudentEventMessage From(StudentEvent studentEvent)
    {
        ArgumentNullException.ThrowIfNull(studentEvent);
        return new(studentEvent.Kind, studentEvent.Part, studentEvent.RunId, studentEvent.Stage, studentEvent.Fraction, studentEvent.Sequence,
            EmbeddedJson.From(studentEvent.Json));
    }
}
