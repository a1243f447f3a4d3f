namespace DataSelection.Grains.Students;

/// <summary>Timing rules of a student grain.</summary>
public static class StudentRules
{
    /// <summary>How long a read may show pacing the session already changed; writes always ask the session.</summary>
    public static readonly TimeSpan PacingCacheAge = TimeSpan.FromSeconds(1);

    /// <summary>Observers not re-registered within this time are dropped.</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);
}
