using System.Diagnostics.Metrics;

namespace DataSelection.ServiceDefaults;

/// <summary>
/// The lab's own instruments on the <c>DataSelection</c> meter, exported beside the Orleans and ASP.NET Core
/// metrics. Tags are bounded (part, kind, hub, method, outcome, reason): never a student, a session or a code.
/// The silo's own instruments (simulation time, cache lookups) are on the same meter, in
/// <c>DataSelection.Grains.Workbench.SimulationMetrics</c>. docs/OBSERVABILITY.md explains each one.
/// </summary>
public static class LabMetrics
{
    public const string MeterName = "DataSelection";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Workbench runs completed, tagged with <c>part</c> and <c>cached</c>.</summary>
    public static Counter<long> Runs { get; } = Meter.CreateCounter<long>("dataselection.runs", "{run}", "Workbench runs completed.");

    /// <summary>Students with a live connection to this gateway.</summary>
    public static UpDownCounter<long> ConnectedStudents { get; } =
        Meter.CreateUpDownCounter<long>("dataselection.students.connected", "{student}", "Student connections held by this gateway.");

    /// <summary>Instructor dashboards with a live connection to this gateway.</summary>
    public static UpDownCounter<long> ConnectedInstructors { get; } =
        Meter.CreateUpDownCounter<long>("dataselection.instructors.connected", "{instructor}", "Instructor connections held by this gateway.");

    /// <summary>
    /// Sessions this gateway serves live: at least one student or instructor of the session is connected here
    /// (the gateway holds the session's push subscription). Summed over gateways, a session with browsers on two
    /// gateways counts twice.
    /// </summary>
    public static UpDownCounter<long> ActiveSessions { get; } =
        Meter.CreateUpDownCounter<long>("dataselection.sessions.active", "{session}", "Sessions with a live connection on this gateway.");

    /// <summary>Students joined through this gateway.</summary>
    public static Counter<long> Joins { get; } = Meter.CreateCounter<long>("dataselection.joins", "{student}", "Students joined.");

    /// <summary>
    /// From a grain raising a push (a student event, a dashboard snapshot) to this gateway handing it to SignalR,
    /// tagged with <c>kind</c> (run-progress, run-result, run-failed, state, dashboard). Across machines it includes their clock skew.
    /// </summary>
    public static Histogram<double> PushLag { get; } =
        Meter.CreateHistogram<double>("dataselection.push.lag", "ms", "Time from a grain raising a push to the gateway sending it.");

    /// <summary>Dashboard snapshots this gateway sent on to instructors (one per session per snapshot, however many browsers).</summary>
    public static Counter<long> DashboardPushes { get; } =
        Meter.CreateCounter<long>("dataselection.dashboard.pushes", "{snapshot}", "Dashboard snapshots sent to instructors.");

    /// <summary>Hub method calls and their time, tagged with <c>hub</c>, <c>method</c> and <c>outcome</c> (ok, refused, error).</summary>
    public static Histogram<double> HubInvocations { get; } =
        Meter.CreateHistogram<double>("dataselection.hub.invocation.duration", "ms", "Hub method calls and how long they took.");

    /// <summary>
    /// How long a work item waited for a thread-pool thread, sampled every 50 ms (see <see cref="ThreadPoolLagProbe"/>):
    /// what every hub call, grain turn and push waits before it even starts.
    /// </summary>
    public static Histogram<double> ThreadPoolLag { get; } =
        Meter.CreateHistogram<double>("dataselection.threadpool.lag", "ms", "Time a work item queued on the thread pool waited to start.");

    /// <summary>Requests and hub calls turned away, tagged with <c>reason</c> (see <see cref="RejectionReasons"/>).</summary>
    public static Counter<long> Rejections { get; } =
        Meter.CreateCounter<long>("dataselection.rejections", "{request}", "Requests and hub calls turned away, by reason.");

    /// <summary>Counts one request or hub call turned away; <paramref name="reason"/> is one of <see cref="RejectionReasons"/>.</summary>
    public static void Reject(string reason) => Rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
}

/// <summary>The bounded set of reasons <see cref="LabMetrics.Rejections"/> is tagged with.</summary>
public static class RejectionReasons
{
    /// <summary>A rate limit answered 429.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The service was too busy to take the work (503, or a full simulation queue).</summary>
    public const string Busy = "busy";

    /// <summary>The input failed validation (400 / an InvalidInput hub error).</summary>
    public const string Invalid = "invalid";
}
