using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Contracts.Students;

/// <summary>A committed prediction; never changes once written.</summary>
[GenerateSerializer, Immutable, Alias("ds.LockRecord")]
public sealed record LockRecord([property: Id(0)] Prediction Prediction, [property: Id(1)] DateTimeOffset At);

/// <summary>A recorded workbench run (the result itself stays with the workbench).</summary>
/// <param name="RunNumber">1 for the part's first run.</param>
[GenerateSerializer, Immutable, Alias("ds.RunRecord")]
public sealed record RunRecord(
    [property: Id(0)] string RunId,
    [property: Id(1)] int RunNumber,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] WorkbenchSettings Settings,
    [property: Id(4)] RunSummary Summary);

/// <summary>Part 2's knee submission and its score against the measured knee.</summary>
[GenerateSerializer, Immutable, Alias("ds.KneeRecord")]
public sealed record KneeRecord(
    [property: Id(0)] int Value,
    [property: Id(1)] int MeasuredKnee,
    [property: Id(2)] double Score,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Explanation);

[GenerateSerializer, Immutable, Alias("ds.ReflectionRecord")]
public sealed record ReflectionRecord([property: Id(0)] string Text, [property: Id(1)] DateTimeOffset At);

/// <summary>A lock compared with what the simulation measured: shown after the reveal or once the part is done.</summary>
[GenerateSerializer, Immutable, Alias("ds.LockScore")]
public sealed record LockScore(
    [property: Id(0)] Prediction Prediction,
    [property: Id(1)] MeasuredOutcome Measured,
    [property: Id(2)] double Score);
