namespace DataSelection.Gateway.Hosting;

/// <summary>The writes (and the students' reads) the gateway rate-limits; each has its own budgets (see <see cref="RateLimitSettings"/>).</summary>
public enum RateLimitedAction
{
    /// <summary>Creating a session (anyone may).</summary>
    CreateSession,

    /// <summary>Joining a session (anyone with the code may).</summary>
    Join,

    /// <summary>Running a part's workbench, over HTTP or the lab hub.</summary>
    Run,

    /// <summary>A student's other writes: a lock, the knee, a reflection.</summary>
    Write,

    /// <summary>
    /// A student's reads of their own state and Ledger (<c>GET /api/me…</c>, the lab hub's <c>GetState</c>):
    /// a page reads after events and reconnects, a script reading in a loop is stopped.
    /// </summary>
    Read,
}

/// <summary>Where a rate limit counts: one student, one session, or one client address (a classroom behind a NAT is one address).</summary>
public enum RateLimitScope
{
    Student,
    Session,
    Address,
}

/// <summary>Marks a route or a hub method as one of the lab's rate-limited writes.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitedAttribute(RateLimitedAction action) : Attribute
{
    public RateLimitedAction Action { get; } = action;
}
