using System.Collections.Immutable;

namespace DataSelection.Contracts.Workbench;

/// <summary>
/// The few numbers of a run that the Ledger, the dashboard and the lock score need; the whole
/// result stays with the workbench as JSON.
/// </summary>
/// <param name="Headline">One readable sentence, e.g. "threshold 0.80: removed 38% of documents, FLOPs −37%, ICR ×1.6".</param>
/// <param name="Outcome">The number that sums the run up for the class's outcome distribution.</param>
[GenerateSerializer, Immutable, Alias("ds.RunSummary")]
public sealed record RunSummary(
    [property: Id(0)] string Headline,
    [property: Id(1)] ImmutableSortedDictionary<string, double> Metrics,
    [property: Id(2)] double? Outcome);
