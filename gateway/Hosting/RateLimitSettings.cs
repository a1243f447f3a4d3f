using System.Globalization;
using System.Threading.RateLimiting;

namespace DataSelection.Gateway.Hosting;

/// <summary>
/// A token bucket: <paramref name="PerMinute"/> sustained, up to <paramref name="Burst"/> at once
/// (a slider drag fires several runs in a second; a class types the join code together).
/// </summary>
public sealed record RateLimitBudget(int PerMinute, int Burst)
{
    /// <summary>
    /// Whole tokens every period, the period about a second or longer (the partitioned limiter
    /// replenishes on a coarse timer), so the sustained rate is <see cref="PerMinute"/> exactly.
    /// </summary>
    public TokenBucketRateLimiterOptions ToOptions()
    {
        var tokensPerPeriod = Math.Max(1, PerMinute / 60);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerPeriod / PerMinute,
            QueueLimit = 0,
        };
    }
}

/// <summary>
/// Every rate limit of the gateway, from <c>DataSelection:RateLimits</c>. The defaults never stop a
/// real class (300 students behind one NAT join within a minute; a student runs about once a second
/// with bursts while dragging a slider) but stop floods. <c>Enabled=false</c> lifts them all (load tests).
/// </summary>
public sealed record RateLimitSettings(bool Enabled, IReadOnlyDictionary<(RateLimitedAction Action, RateLimitScope Scope), RateLimitBudget> Budgets)
{
    public const string Section = "DataSelection:RateLimits";
    public const string EnabledKey = Section + ":Enabled";

    /// <summary>One configurable limit: its per-minute key and default, and its burst key and default (none: a minute's worth may come at once).</summary>
    public sealed record Limit(RateLimitedAction Action, RateLimitScope Scope, string PerMinuteKey, int DefaultPerMinute, string? BurstKey = null, int? DefaultBurst = null);

    /// <summary>The limits, their keys (under <see cref="Section"/>) and defaults, as docs/OPERATIONS.md lists them.</summary>
    public static IReadOnlyList<Limit> Limits { get; } =
    [
        new(RateLimitedAction.CreateSession, RateLimitScope.Address, "SessionsPerMinute", 60),
        new(RateLimitedAction.Join, RateLimitScope.Address, "JoinsPerMinute", 1_000),
        new(RateLimitedAction.Join, RateLimitScope.Session, "JoinsPerSessionPerMinute", 6_000),
        new(RateLimitedAction.Run, RateLimitScope.Student, "RunsPerMinute", 60, "RunBurst", 20),
        new(RateLimitedAction.Run, RateLimitScope.Session, "RunsPerSessionPerMinute", 60_000),
        new(RateLimitedAction.Run, RateLimitScope.Address, "RunsPerAddressPerMinute", 36_000),
        new(RateLimitedAction.Write, RateLimitScope.Student, "WritesPerMinute", 30, "WriteBurst", 10),
        new(RateLimitedAction.Write, RateLimitScope.Session, "WritesPerSessionPerMinute", 30_000),
        new(RateLimitedAction.Write, RateLimitScope.Address, "WritesPerAddressPerMinute", 6_000),
        new(RateLimitedAction.Read, RateLimitScope.Student, "ReadsPerMinute", 600, "ReadBurst", 60),
        new(RateLimitedAction.Read, RateLimitScope.Address, "ReadsPerAddressPerMinute", 60_000),
    ];

    /// <summary>Reads the settings, taking defaults for what is missing; a value that cannot be used fails with its key named.</summary>
    public static RateLimitSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var enabled = configuration[EnabledKey] is not { Length: > 0 } text
            || (bool.TryParse(text, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{EnabledKey} must be 'true' or 'false', not '{text}'."));
        var budgets = Limits.ToDictionary(
            limit => (limit.Action, limit.Scope),
            limit =>
            {
                var perMinute = ReadCount(configuration, limit.PerMinuteKey, limit.DefaultPerMinute);
                var burst = limit.BurstKey is null ? perMinute : ReadCount(configuration, limit.BurstKey, limit.DefaultBurst!.Value);
                return new RateLimitBudget(perMinute, burst);
            });
        return new RateLimitSettings(enabled, budgets);
    }

    private static int ReadCount(IConfiguration configuration, string name, int fallback)
    {
        var key = $"{Section}:{name}";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new InvalidOperationException($"{key} must be a whole number above 0, not '{value}' (set {EnabledKey}=false to lift every limit).");
    }
}
