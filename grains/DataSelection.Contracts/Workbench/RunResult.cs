namespace DataSelection.Contracts.Workbench;

/// <summary>A finished, recorded workbench run.</summary>
/// <param name="CountedRunsLeft">Runs left under the part's rule (Part 2); null when unlimited.</param>
/// <param name="ResultJson">The simulation's whole result as JSON (camelCase), as the page draws it.</param>
/// <param name="FromCache">True when another student's identical run had already computed it.</param>
[GenerateSerializer, Immutable, Alias("ds.RunResult")]
public sealed record RunResult(
    [property: Id(0)] string RunId,
    [property: Id(1)] int Part,
    [property: Id(2)] int RunNumber,
    [property: Id(3)] int? CountedRunsLeft,
    [property: Id(4)] WorkbenchSettings Settings,
    [property: Id(5)] RunSummary Summary,
    [property: Id(6)] string ResultJson,
    [property: Id(7)] bool FromCache,
    [property: Id(8)] DateTimeOffset At);
