namespace DataSelection.Client.Load;

/// <summary>What a load test measured (written as JSON with snake_case names: <c>latency_ms</c>, <c>dashboard_staleness_ms</c>, …).</summary>
/// <param name="DurationS">Seconds from the first student's start until every student stopped.</param>
/// <param name="LatencyMs">Per action (<see cref="LoadActions.All"/>): p50, p95, p99, max and count in milliseconds.</param>
/// <param name="FreshRange">Where never-used values fell: "near" the defaults (the default size) or "anywhere" in a control's range.</param>
/// <param name="SteadyLatencyMs">
/// The run latencies (<see cref="LoadActions.Steady"/>) of runs asked for once every student had arrived, at
/// <paramref name="ClassInS"/> seconds (null: some student was still arriving when the test ended).
/// </param>
/// <param name="WarmupS">Seconds the class waited after the session was created while the server warmed the cohort cache (null: the server reports no warm-up).</param>
public sealed record LoadReport(
    int Students,
    int IdleStudents,
    int Instructors,
    double DurationS,
    double RunsPerMinute,
    double FreshShare,
    string Session,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyDictionary<string, LatencySummary> LatencyMs,
    ThroughputReport Throughput,
    StalenessSummary DashboardStalenessMs,
    ServerReport Server,
    GeneratorReport LoadGenerator,
    double? WarmupS = null,
    string FreshRange = "near",
    IReadOnlyDictionary<string, LatencySummary>? SteadyLatencyMs = null,
    double? ClassInS = null);

/// <param name="ActionsPerS">Acknowledged student actions (join, lock, run, knee, reflect) per second.</param>
/// <param name="RunsPerS">Acknowledged workbench runs per second.</param>
public sealed record ThroughputReport(double ActionsPerS, double RunsPerS);
