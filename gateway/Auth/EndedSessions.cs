using System.Collections.Concurrent;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;

namespace DataSelection.Gateway.Auth;

/// <summary>
/// Which sessions have ended, as this gateway knows it, so a dead student token is refused without
/// a grain call on every request. The gateway learns of an end at once when the instructor ends
/// the session through it or when the session pushes it (every gateway with a live connection of
/// the session is subscribed); otherwise it asks the session at most once per
/// <see cref="RecheckSecondsKey"/> seconds per session. An end is final, so it is never forgotten.
/// Only codes from genuinely signed tokens reach this cache, so it cannot be flooded.
/// </summary>
public sealed class EndedSessions(IGrainFactory grains, TimeProvider clock, IConfiguration configuration)
{
    public const string RecheckSecondsKey = "DataSelection:Sessions:EndedRecheckSeconds";
    public const int DefaultRecheckSeconds = 5;

    private readonly ConcurrentDictionary<string, bool> ended = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> liveUntil = new(StringComparer.Ordinal);
    private readonly TimeSpan recheck = TimeSpan.FromSeconds(configuration.GetValue(RecheckSecondsKey, DefaultRecheckSeconds));

    /// <summary>Whether this gateway already knows the session ended (no grain call).</summary>
    public bool IsKnownEnded(string code) => ended.ContainsKey(code);

    /// <summary>Records an end; true the first time this gateway hears of it.</summary>
    public bool MarkEnded(string code)
    {
        liveUntil.TryRemove(code, out _);
        return ended.TryAdd(code, true);
    }

    /// <summary>Whether the session has ended (or no longer exists), asking the session only when the last answer is older than the recheck interval.</summary>
    public async ValueTask<bool> HasEnded(string code)
    {
        if (ended.ContainsKey(code))
        {
            return true;
        }
        var now = clock.GetUtcNow();
        if (liveUntil.TryGetValue(code, out var until) && now < until)
        {
            return false;
        }
        SessionInfo info;
        try
        {
            info = await grains.GetGrain<ISessionGrain>(code).GetInfo().ConfigureAwait(false);
        }
        catch (LabRuleException exception) when (exception.Rule == LabRule.NotFound)
        {
            // A signed token for a session storage no longer holds opens nothing either.
            return true;
        }
        if (info.Ended)
        {
            MarkEnded(code);
            return true;
        }
        liveUntil[code] = now + recheck;
        return false;
    }
}
