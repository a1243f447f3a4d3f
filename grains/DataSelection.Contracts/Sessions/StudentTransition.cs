using DataSelection.Contracts.Lab;

namespace DataSelection.Contracts.Sessions;

/// <summary>
/// A student moved forward: the only thing students report to their session (never slider
/// moves), so the session grain stays cool at 10,000 students.
/// </summary>
/// <param name="Kind">joined, locked, ran, knee or reflected.</param>
/// <param name="Prediction">The lock's prediction (locked).</param>
/// <param name="Name">The student's name and track ride along so the roster heals itself if the session lost an entry.</param>
/// <param name="RunNumber">For "ran": the student's run count on the part so far, so a count the session lost heals on the next run.</param>
/// <param name="Outcome">A number that sums up the result, for outcome distributions: Part 1 the FLOPs saved (%), Part 2 the knee score, Part 3 the accuracy on real data (%).</param>
[GenerateSerializer, Immutable, Alias("ds.StudentTransition")]
public sealed record StudentTransition(
    [property: Id(0)] string StudentId,
    [property: Id(1)] string Kind,
    [property: Id(2)] int Part,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] Prediction? Prediction = null,
    [property: Id(5)] double? Outcome = null,
    [property: Id(6)] string? Name = null,
    [property: Id(7)] string? Track = null,
    [property: Id(8)] int RunNumber = 0)
{
    public const string Joined = "joined";
    public const string Locked = "locked";
    public const string Ran = "ran";
    public const string KneeSubmitted = "knee";
    public const string Reflected = "reflected";
}
