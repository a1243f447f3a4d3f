using DataSelection.Simulation.Reuse;

namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// The work of a Part 2 run that its uncertainty score does not change, done once per process: the track's
/// generated pool and test set (per scenario and seed), and the random-sampling baseline (per data set and
/// loop options). A class trying the three scores at one batch size and budget pays for the baseline once.
/// Both are deterministic, so a reused one is exactly the one a run would compute (tested).
/// </summary>
/// <remarks>
/// Bounded, least recently used first out: <see cref="MaxDataSets"/> data sets (≈ 3 MB each at the tracks'
/// sizes) and <see cref="MaxBaselines"/> baselines (a few KB each). Entries are computed without the caller's
/// cancellation, so one student's superseded run never leaves a cancelled entry for others; an entry that
/// throws is forgotten.
/// </remarks>
public static class ActiveLearningMemo
{
    public const int MaxDataSets = 8;
    public const int MaxBaselines = 512;

    private static readonly BoundedMemo<(ActiveLearningScenario Scenario, ulong Seed), ActiveLearningData> DataSets = new(MaxDataSets);
    private static readonly BoundedMemo<(ActiveLearningData Data, ActiveLearningOptions Options), ActiveLearningCurve> Baselines = new(MaxBaselines);

    public static ActiveLearningData Data(ActiveLearningScenario scenario, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return DataSets.GetOrCompute((scenario, seed), static key => ActiveLearningDataGenerator.Generate(key.Scenario, key.Seed));
    }

    /// <summary>The random-sampling curve for these options (their strategy must be random).</summary>
    public static ActiveLearningCurve Baseline(ActiveLearningData data, ActiveLearningOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Strategy != SamplingStrategy.Random)
        {
            throw new ArgumentException("The baseline is random sampling.", nameof(options));
        }
        return Baselines.GetOrCompute((data, options), static key => ActiveLearningLoop.Run(key.Data.Pool, key.Data.Test, key.Options));
    }
}
