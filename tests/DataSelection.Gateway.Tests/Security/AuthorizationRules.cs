namespace DataSelection.Gateway.Tests.Security;

/// <summary>Who knocks. Each acts on session S, whose student is A, unless the name says otherwise.</summary>
public enum Actor
{
    Anonymous,

    /// <summary>A, with A's own token.</summary>
    OwnStudent,

    /// <summary>B, another student of S, with B's token.</summary>
    SameSessionStudent,

    /// <summary>C, a student of another session T, with C's token.</summary>
    OtherSessionStudent,

    /// <summary>A token claiming to be A, signed with a key that is not the gateway's.</summary>
    ForgedToken,

    /// <summary>D, with a genuine token of a session the instructor has ended (a replay after the end).</summary>
    EndedSessionStudent,

    /// <summary>S's instructor, with S's key.</summary>
    OwnInstructor,

    /// <summary>T's instructor, with T's key, knocking on S.</summary>
    OtherInstructor,

    /// <summary>A made-up instructor key.</summary>
    GarbageKey,
}

/// <summary>
/// The authorisation rule table: for every HTTP route (method and pattern, as the route table
/// spells them) and every hub method, which actors are let through; every other actor is refused.
/// A route or hub method missing here fails <see cref="AuthorizationMatrixTests"/>, by name.
/// </summary>
public static class AuthorizationRules
{
    public static readonly IReadOnlySet<Actor> Everyone = Enum.GetValues<Actor>().ToHashSet();

    /// <summary>Any genuine token of a live session: <c>/api/me</c> acts only on the token's own student.</summary>
    public static readonly IReadOnlySet<Actor> AnyLiveStudent = new HashSet<Actor> { Actor.OwnStudent, Actor.SameSessionStudent, Actor.OtherSessionStudent };

    public static readonly IReadOnlySet<Actor> SessionInstructor = new HashSet<Actor> { Actor.OwnInstructor };

    /// <summary>A request the matrix sends: who may pass, and a body that is valid if it does.</summary>
    public sealed record RouteRule(IReadOnlySet<Actor> Allowed, string? Body = null);

    public static readonly IReadOnlyDictionary<string, RouteRule> Routes = new Dictionary<string, RouteRule>(StringComparer.Ordinal)
    {
        // Open to anyone: the catalog, creating a session, a session's public info, joining with the code.
        ["GET /api/catalog"] = new(Everyone),
        ["POST /api/sessions/"] = new(Everyone, """{"title": "Matrix"}"""),
        ["GET /api/sessions/{code}"] = new(Everyone),
        ["POST /api/sessions/{code}/students"] = new(Everyone, """{"name": "Newcomer", "track": "cloud-titan"}"""),

        // The student's own state, by token.
        ["GET /api/me/"] = new(AnyLiveStudent),
        ["PUT /api/me/parts/{part:int}/lock"] = new(AnyLiveStudent, """{"prediction": {"value": 30}}"""),
        ["POST /api/me/parts/{part:int}/runs"] = new(AnyLiveStudent, """{"parameters": {}}"""),
        ["POST /api/me/parts/2/knee"] = new(AnyLiveStudent, """{"value": 200}"""),
        ["PUT /api/me/parts/{part:int}/reflection"] = new(AnyLiveStudent, """{"text": "A reflection long enough to be accepted by the lab."}"""),
        ["GET /api/me/ledger"] = new(AnyLiveStudent),
        ["GET /api/me/ledger.md"] = new(AnyLiveStudent),

        // The instructor's, by the key of that very session.
        ["GET /api/sessions/{code}/dashboard"] = new(SessionInstructor),
        ["GET /api/sessions/{code}/roster"] = new(SessionInstructor),
        ["POST /api/sessions/{code}/parts/{part:int}/open"] = new(SessionInstructor),
        ["POST /api/sessions/{code}/parts/{part:int}/close"] = new(SessionInstructor),
        ["POST /api/sessions/{code}/parts/{part:int}/reveal"] = new(SessionInstructor),
        ["GET /api/sessions/{code}/export"] = new(SessionInstructor),
        ["POST /api/sessions/{code}/end"] = new(SessionInstructor),
    };

    /// <summary>Routes the matrix does not cover, each with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> Skipped = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/health/ready"] = "readiness probe: public by design, reads nothing of any session",
        ["/health/live"] = "liveness probe: public by design, reads nothing of any session",
        ["/metrics"] = "Prometheus scrape: aggregate counters only, no session data (kept off the public ingress by deploy/)",
        ["/openapi/{documentName}.json"] = "the API's description, public by design",
        ["/hubs/lab"] = "a hub: checked by connecting and invoking every hub method (Hubs)",
        ["/hubs/lab/negotiate"] = "a hub: checked by connecting and invoking every hub method (Hubs)",
        ["/hubs/instructor"] = "a hub: checked by connecting and invoking every hub method (Hubs)",
        ["/hubs/instructor/negotiate"] = "a hub: checked by connecting and invoking every hub method (Hubs)",
    };

    /// <summary>A hub method: who may call it, and its arguments.</summary>
    public sealed record HubRule(IReadOnlySet<Actor> Allowed, object?[] Arguments);

    /// <summary>Keyed <c>Hub.Method</c>; <c>Connect</c> is the connection itself.</summary>
    public static readonly IReadOnlyDictionary<string, HubRule> Hubs = new Dictionary<string, HubRule>(StringComparer.Ordinal)
    {
        ["LabHub.Connect"] = new(AnyLiveStudent, []),
        ["LabHub.GetState"] = new(AnyLiveStudent, []),
        ["LabHub.Run"] = new(AnyLiveStudent, [1, null]),
        ["InstructorHub.Connect"] = new(SessionInstructor, []),
        ["InstructorHub.GetDashboard"] = new(SessionInstructor, []),
    };
}
