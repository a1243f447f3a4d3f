using System.Security.Claims;
using System.Threading.RateLimiting;
using DataSelection.Gateway.Auth;

namespace DataSelection.Gateway.Hosting;

/// <summary>Who is asking to do what: the keys a rate-limited write is counted under.</summary>
/// <param name="Action">The write, or none for a request no limit applies to.</param>
public readonly record struct RateLimitedCall(RateLimitedAction? Action, string? Student, string? Session, string Address)
{
    /// <summary>The call a student token (or, for joins and new sessions, the route's session code) makes from an address.</summary>
    public static RateLimitedCall For(RateLimitedAction? action, ClaimsPrincipal? user, string? routeSession, System.Net.IPAddress? address)
    {
        var session = user?.FindFirstValue(LabAuthentication.SessionClaim) ?? routeSession;
        var student = user?.FindFirstValue(LabAuthentication.StudentClaim) is { } id && session is not null ? $"{session}/{id}" : null;
        return new RateLimitedCall(action, student, session, address?.ToString() ?? "unknown");
    }
}

/// <summary>
/// The gateway's one set of rate limiters, shared by the HTTP API (as the rate-limiting middleware's
/// global limiter) and the lab hub (through <see cref="Hubs.HubRateLimitFilter"/>), so a run costs the
/// same budget whichever way it arrives. A call passes only if its student, its session and its address
/// each have a token left (chained token buckets).
/// </summary>
public sealed class LabRateLimiter : IDisposable
{
    private readonly RateLimitSettings _settings;
    private readonly PartitionedRateLimiter<RateLimitedCall>[] _scopes;

    public LabRateLimiter(RateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _scopes =
        [
            Scope(RateLimitScope.Student, call => call.Student),
            Scope(RateLimitScope.Session, call => call.Session),
            Scope(RateLimitScope.Address, call => call.Address),
        ];
        Limiter = PartitionedRateLimiter.CreateChained(_scopes);
    }

    /// <summary>Student, then session, then address; a refusal carries the wait in its <see cref="MetadataName.RetryAfter"/>.</summary>
    public PartitionedRateLimiter<RateLimitedCall> Limiter { get; }

    /// <summary>Whole seconds until a refused call may pass, at least one.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
    }

    /// <summary>The refusal a person reads, the same over HTTP and the hub.</summary>
    public static string Refusal(RateLimitedAction action, int retryAfterSeconds)
    {
        var what = action switch
        {
            RateLimitedAction.CreateSession => "new sessions",
            RateLimitedAction.Join => "joins",
            RateLimitedAction.Run => "runs",
            RateLimitedAction.Read => "reads",
            _ => "saves",
        };
        return $"Too many {what} in a short time from you, your session or your network; nothing was changed. Retry in {retryAfterSeconds} s.";
    }

    public void Dispose()
    {
        Limiter.Dispose();
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }
    }

    private PartitionedRateLimiter<RateLimitedCall> Scope(RateLimitScope scope, Func<RateLimitedCall, string?> key) =>
        PartitionedRateLimiter.Create<RateLimitedCall, (RateLimitedAction?, string?)>(call =>
            _settings.Enabled
            && call.Action is { } action
            && _settings.Budgets.TryGetValue((action, scope), out var budget)
            && key(call) is { } partition
                ? RateLimitPartition.GetTokenBucketLimiter<(RateLimitedAction?, string?)>((action, partition), _ => budget.ToOptions())
                : RateLimitPartition.GetNoLimiter<(RateLimitedAction?, string?)>((call.Action, null)));
}
