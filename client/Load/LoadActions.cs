namespace DataSelection.Client.Load;

/// <summary>The names a load report uses for what students do and what is measured.</summary>
public static class LoadActions
{
    public const string Join = "join";
    public const string Connect = "connect";
    public const string Lock = "lock";
    public const string Run = "run";
    public const string Knee = "knee";
    public const string Reflect = "reflect";

    /// <summary>From invoking a run to its result pushed to the student's connection.</summary>
    public const string RunResult = "run_result";
    public const string RunResultCached = "run_result_cached";
    public const string RunResultFresh = "run_result_fresh";

    /// <summary>Every latency a report carries, measured or not, so a reader never meets a missing key.</summary>
    public static IReadOnlyList<string> All { get; } = [Join, Connect, Lock, Run, Knee, Reflect, RunResult, RunResultCached, RunResultFresh];

    /// <summary>
    /// Also measured apart for runs asked for once every student had arrived: the class at its full size, without
    /// the joins, first connections and first activations of the ramp mixed in.
    /// </summary>
    public static IReadOnlyList<string> Steady { get; } = [Run, RunResult, RunResultCached, RunResultFresh];

    /// <summary>What a student does (not the pushes measured beside them): the actions counted in throughput.</summary>
    public static IReadOnlyList<string> StudentActions { get; } = [Join, Lock, Run, Knee, Reflect];
}
