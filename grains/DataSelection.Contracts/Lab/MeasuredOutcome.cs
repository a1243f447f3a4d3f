namespace DataSelection.Contracts.Lab;

/// <summary>
/// What the simulation measured for a part's lock question on one track, at the track's
/// defaults: the answer predictions are scored against.
/// </summary>
/// <param name="Value">Part 1: the measured FLOPs reduction (%) from removing the 30% most redundant samples.</param>
/// <param name="Choice">Parts 2 and 3: the measured answer (fewer/same/more; improves/unchanged/degrades).</param>
/// <param name="Explanation">One sentence with the measured numbers behind the answer.</param>
[GenerateSerializer, Immutable, Alias("ds.MeasuredOutcome")]
public sealed record MeasuredOutcome(
    [property: Id(0)] string Track,
    [property: Id(1)] int Part,
    [property: Id(2)] double? Value,
    [property: Id(3)] string? Choice,
    [property: Id(4)] string Explanation);
