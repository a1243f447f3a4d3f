using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Contracts.Students;

/// <summary>
/// One student in one session (key: <see cref="StudentKey.For"/>): identity, track, each part's
/// state machine (open → locked → working → reflected), immutable locks and the append-only
/// Ledger. Every method that confirms something returns only after the state is written.
/// </summary>
public interface IStudentGrain : IGrainWithStringKey
{
    /// <summary>Called once by the session when the student joins.</summary>
    Task Initialize(StudentIdentity identity);

    /// <summary><see cref="LabRule.NotFound"/> if the student never joined.</summary>
    Task<StudentView> GetView();

    /// <summary>Who the student is (track included), without the pacing and scoring work of <see cref="GetView"/>.</summary>
    Task<StudentIdentity> GetIdentity();

    /// <summary>Commits a prediction; <see cref="LabRule.AlreadyLocked"/> the second time, <see cref="LabRule.PartClosed"/> while closed.</summary>
    Task<LockRecord> Lock(int part, Prediction prediction);

    /// <summary>Checks that a run may start (part open, locked, runs left) and returns the student's track.</summary>
    Task<string> BeginRun(int part);

    /// <summary>
    /// Checks the run's rules as <see cref="BeginRun"/> does, records the finished run in the state and the
    /// Ledger (durable on return), then pushes its result
    /// (<paramref name="resultJson"/>) to the student's gateways as the run's <see cref="StudentEvent.RunResult"/> event.
    /// </summary>
    Task<RunRecord> RecordRun(int part, string runId, WorkbenchSettings settings, RunSummary summary, bool fromCache, string resultJson);

    /// <summary>Part 2: submits the knee (labels) and scores it against the measured knee of the student's latest settings.</summary>
    Task<KneeRecord> SubmitKnee(int labels);

    /// <summary>Writes the part's reflection; <see cref="LabRule.RunRequired"/> before any run.</summary>
    Task<ReflectionRecord> Reflect(int part, string text);

    Task<Ledger> GetLedger();

    /// <summary>Forwards a workbench's push (progress, result) to the student's gateways.</summary>
    [OneWay]
    Task Publish(StudentEvent studentEvent);

    /// <summary>Registers a gateway's observer for this student's pushes.</summary>
    Task Subscribe(IStudentObserver observer);

    Task Unsubscribe(IStudentObserver observer);
}
