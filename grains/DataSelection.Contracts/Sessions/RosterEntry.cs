using System.Collections.Immutable;

namespace DataSelection.Contracts.Sessions;

/// <summary>One student as the instructor sees them.</summary>
/// <param name="PartStatuses">Status of parts 1–3: open, locked, working, reflected, closed.</param>
/// <param name="LastProgressAt">The last transition (join, lock, run, knee, reflection): students without one for a while are stuck.</param>
[GenerateSerializer, Immutable, Alias("ds.RosterEntry")]
public sealed record RosterEntry(
    [property: Id(0)] string StudentId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Track,
    [property: Id(3)] DateTimeOffset JoinedAt,
    [property: Id(4)] DateTimeOffset LastProgressAt,
    [property: Id(5)] ImmutableArray<string> PartStatuses,
    [property: Id(6)] int Runs);
