using System.Collections.Immutable;

namespace DataSelection.Contracts.Students;

/// <summary>Everything a student's page shows about their own progress.</summary>
/// <param name="Sequence">Rises with every change of the student's state; pages resync when they see a gap.</param>
[GenerateSerializer, Immutable, Alias("ds.StudentView")]
public sealed record StudentView(
    [property: Id(0)] StudentIdentity Identity,
    [property: Id(1)] ImmutableArray<PartView> Parts,
    [property: Id(2)] long Sequence);

/// <param name="CountedRunsLeft">Runs left under the part's rule (Part 2: the 10-iteration rule); null when unlimited.</param>
/// <param name="Score">The lock against the measured outcome, once revealed or once the part is reflected.</param>
[GenerateSerializer, Immutable, Alias("ds.PartView")]
public sealed record PartView(
    [property: Id(0)] int Part,
    [property: Id(1)] string Status,
    [property: Id(2)] LockRecord? Lock,
    [property: Id(3)] int Runs,
    [property: Id(4)] int? CountedRunsLeft,
    [property: Id(5)] RunRecord? LatestRun,
    [property: Id(6)] KneeRecord? Knee,
    [property: Id(7)] ReflectionRecord? Reflection,
    [property: Id(8)] LockScore? Score,
    [property: Id(9)] bool Revealed);
