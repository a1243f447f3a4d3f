namespace DataSelection.Contracts.Workbench;

/// <summary>Where a run's progress goes: the student grain and the run it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("ds.RunRoute")]
public sealed record RunRoute(
    [property: Id(0)] string StudentKey,
    [property: Id(1)] int Part,
    [property: Id(2)] string RunId);
