namespace DataSelection.Contracts.Students;

/// <summary>A push to one student's page: run progress, a run's result, or a change of their state.</summary>
/// <param name="Kind">run-progress, run-result, run-failed or state.</param>
/// <param name="Sequence">Set by the student grain: rises by one per event, so a page can tell a gap and resync.</param>
/// <param name="Json">The partial result (run-progress), the whole result (run-result), or null.</param>
/// <param name="RaisedAt">Set by the student grain when it publishes the event: gateways measure push lag from it.</param>
[GenerateSerializer, Immutable, Alias("ds.StudentEvent")]
public sealed record StudentEvent(
    [property: Id(0)] string StudentKey,
    [property: Id(1)] string Kind,
    [property: Id(2)] int Part,
    [property: Id(3)] string? RunId,
    [property: Id(4)] string Stage,
    [property: Id(5)] double Fraction,
    [property: Id(6)] string? Json,
    [property: Id(7)] long Sequence = 0,
    [property: Id(8)] DateTimeOffset RaisedAt = default)
{
    public const string RunProgress = "run-progress";
    public const string RunResult = "run-result";
    public const string RunFailed = "run-failed";
    public const string State = "state";
}
