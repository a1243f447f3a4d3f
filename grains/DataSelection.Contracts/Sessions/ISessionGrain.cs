using System.Collections.Immutable;

namespace DataSelection.Contracts.Sessions;

/// <summary>
/// A class session (key: the join code): settings, the instructor key's hash, pacing, roster and
/// live aggregates. Students report transitions, never slider moves; instructors' views are
/// pushed to one observer per gateway, coalesced to a few per second.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session; <see cref="Lab.LabRule.AlreadyExists"/> if the code is taken. All parts start open (self-paced).</summary>
    Task<SessionInfo> Create(string title, byte[] instructorKeyHash);

    /// <summary>The session as any member may see it; <see cref="Lab.LabRule.NotFound"/> if it was never created.</summary>
    Task<SessionInfo> GetInfo();

    /// <summary>Constant-time comparison of a key's hash with the stored one.</summary>
    Task<bool> IsInstructorKey(byte[] instructorKeyHash);

    /// <summary>
    /// Initializes a new student's grain (name and track already validated), adds them to the roster,
    /// and returns the new student id once the roster entry is durable; <see cref="Lab.LabRule.NotSaved"/>
    /// if either write failed, and then the roster does not list them. Interleaves, so a burst of joins
    /// shares roster writes instead of queueing behind each other.
    /// </summary>
    [AlwaysInterleave]
    Task<string> Join(string name, string trackId);

    /// <summary>Opens, closes or reveals a part.</summary>
    Task<SessionInfo> Pace(int part, PacingAction action);

    /// <summary>
    /// Ends the session for good (idempotent): joins, locks, runs, knees, reflections and pacing are
    /// refused with <see cref="Lab.LabRule.SessionEnded"/> afterwards, while the instructor's reads
    /// and export keep working. Gateways learn of it through <see cref="ISessionObserver.OnPacing"/>.
    /// </summary>
    Task<SessionInfo> EndSession();

    /// <summary>A student moved forward; updates the aggregates and returns once they are durable (writes are shared by concurrent reports).</summary>
    [AlwaysInterleave]
    Task Report(StudentTransition transition);

    Task<DashboardSnapshot> GetDashboard();

    Task<RosterPage> GetRoster(int page, int pageSize);

    /// <summary>Every student id, in joining order (for export).</summary>
    Task<ImmutableArray<string>> GetStudentIds();

    /// <summary>Registers a gateway's observer (re-register within the expiry to stay subscribed).</summary>
    Task Subscribe(ISessionObserver observer);

    Task Unsubscribe(ISessionObserver observer);
}
