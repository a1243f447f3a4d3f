namespace DataSelection.Grains.Students;

/// <summary>Timing rules of a student grain.</summary>
public static class StudentRules
{
    /// <summary>How long a read may show pacing the session already changed; writes always ask the session.</summary>
    public static readonly TimeSpan PacingCacheAge = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Ledger entries per sealed page. The state a run writes holds at most about twice this many (≈ 400 bytes
    /// each): a student running once a second for an hour writes ≈ 15 KB a run, not the whole 1.4 MB Ledger.
    /// </summary>
    public const int LedgerPageSize = 32;

    /// <summary>Observers not re-registered within this time are dropped.</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);
}
