using System.Collections.Immutable;

namespace DataSelection.Contracts.Sessions;

/// <summary>What any member of a session may know about it.</summary>
[GenerateSerializer, Immutable, Alias("ds.SessionInfo")]
public sealed record SessionInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] ImmutableArray<PartPacing> Pacing,
    [property: Id(4)] bool Ended);
