namespace DataSelection.Grains.Students;

/// <summary>Timing rules of a student grain.</summary>
public static class StudentRules
{
    /// <summary>How long a read may show pacing the session already changed; writes always ask the session.</summary>
    public static readonly TimeSpan PacingCacheAge = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Ledger entries per sealed page for a new student. The state a run writes holds at most this many in its open
    /// tail (≈ 400 bytes each), half that on average: a student running once a second for an hour writes ≈ 5 KB a
    /// run, not the whole 1.4 MB Ledger. Smaller pages mean more of them (one more record every 8 entries) but less
    /// to serialize and store on every run, which is what a busy class pays for.
    /// </summary>
    public const int LedgerPageSize = 8;

    /// <summary>The page size of students whose state was stored before it kept its own (<see cref="StudentState.PageSize"/> 0).</summary>
    public const int LegacyLedgerPageSize = 32;

    /// <summary>Observers not re-registered within this time are dropped.</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);
}
