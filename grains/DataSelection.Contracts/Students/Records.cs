using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Contracts.Students;

/// <summary>A committed prediction; never changes once written.</summary>
[GenerateSerializer, Immutable, Alias("ds.LockRecord")]
public sealed record LockRecord([property: Id(0)] Prediction Prediction, [property: Id(1)] DateTimeOffset At);

/// <summary>
/// A recorded workbench run. Its result is not stored with it: results are deterministic, so the
/// cohort cache answers it again from the track and <paramref name="Settings"/> (computing it again
/// if the cache dropped it).
/// </summary>
/// <param name="RunNumber">1 for the part's first run.</param>
/// <param name="FromCache">True when the result was already in the cohort cache (false in records stored before this was kept).</param>
[GenerateSerializer, Immutable, Alias("ds.RunRecord")]
public sealed record RunRecord(
    [property: Id(0)] string RunId,
    [property: Id(1)] int RunNumber,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] WorkbenchSettings Settings,
    [property: Id(4)] RunSummary Summary,
    [property: Id(5)] bool FromCache = false);

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
