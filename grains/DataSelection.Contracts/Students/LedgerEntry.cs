using System.Collections.Immutable;

namespace DataSelection.Contracts.Students;

/// <summary>One line of a student's Ledger: append-only, timestamped, never edited.</summary>
/// <param name="Kind">joined, lock, run, knee, reflection or score.</param>
/// <param name="Part">The part it belongs to; 0 for joining.</param>
/// <param name="Summary">One readable sentence.</param>
/// <param name="Detail">The entry's data as JSON (prediction, settings and measured numbers, text…).</param>
[GenerateSerializer, Immutable, Alias("ds.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] int Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] int Part,
    [property: Id(4)] string Summary,
    [property: Id(5)] string Detail)
{
    public const string Joined = "joined";
    public const string Lock = "lock";
    public const string Run = "run";
    public const string Knee = "knee";
    public const string Reflection = "reflection";
    public const string Score = "score";
}

/// <summary>A student's whole Ledger.</summary>
[GenerateSerializer, Immutable, Alias("ds.Ledger")]
public sealed record Ledger([property: Id(0)] StudentIdentity Identity, [property: Id(1)] ImmutableArray<LedgerEntry> Entries);
