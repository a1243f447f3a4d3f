namespace DataSelection.Contracts.Students;

[GenerateSerializer, Immutable, Alias("ds.StudentIdentity")]
public sealed record StudentIdentity(
    [property: Id(0)] string SessionCode,
    [property: Id(1)] string StudentId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Track,
    [property: Id(4)] DateTimeOffset JoinedAt);
