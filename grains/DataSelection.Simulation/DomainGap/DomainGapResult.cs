namespace DataSelection.Simulation.DomainGap;

/// <summary>Accuracy on the held-out real samples of one condition.</summary>
public sealed record ConditionAccuracy(WeatherCondition Condition, int TestSamples, double Accuracy);

/// <summary>How many real and synthetic training samples of one condition the mix trained on.</summary>
public sealed record TrainingComposition(WeatherCondition Condition, int RealSamples, int SyntheticSamples);

/// <summary>
/// One Part 3 run: a classifier trained on the chosen mix, tested on held-out real data.
/// </summary>
/// <param name="RequestedRealSamples">Real samples the mix asked for: (1 − mix) × TrainingSamples.</param>
/// <param name="RealTrainingSamples">Real samples actually used: capped at the scenario's RealSamples, so a
/// mix that asks for more real data than exists trains on a smaller set rather than inventing data.</param>
/// <param name="SyntheticTrainingSamples">Synthetic samples used: mix × TrainingSamples (rounded).</param>
/// <param name="SafetyAccuracy">The Safety Metric: accuracy on real rain.</param>
/// <param name="TrainingFid">FID between the training mix and held-out real features: the domain gap the
/// model is trained across, the number the Safety Lead compares with the threshold.</param>
/// <param name="SyntheticFid">FID between the simulator's own output (at this randomisation) and real features.</param>
/// <param name="RealCoverage">Share of held-out real samples inside the simulator output's own 95% Mahalanobis
/// ellipsoid: how much of reality the synthetic distribution covers.</param>
/// <param name="RainCoverage">The same share for real rain samples.</param>
/// <param name="TrainingConditions">The training set's real and synthetic samples per condition: the real
/// collection is mostly clear, the simulator's renders are at field shares.</param>
public sealed record DomainGapResult(
    double MixRatio,
    double RandomizationIntensity,
    int RequestedRealSamples,
    int RealTrainingSamples,
    int SyntheticTrainingSamples,
    double Accuracy,
    IReadOnlyList<ConditionAccuracy> ConditionAccuracies,
    double SafetyAccuracy,
    WeatherCondition WorstCondition,
    double WorstConditionAccuracy,
    double TrainingFid,
    double SyntheticFid,
    double RealCoverage,
    double RainCoverage,
    bool MeetsAccuracyTarget,
    bool MeetsSafetyTarget,
    bool MeetsFidThreshold,
    IReadOnlyList<TrainingComposition> TrainingConditions)
{
    /// <summary>The stakeholder challenge: accuracy, safety and domain gap all within the Safety Lead's limits.</summary>
    public bool StakeholderChallengeMet => MeetsAccuracyTarget && MeetsSafetyTarget && MeetsFidThreshold;
}

/// <summary>How the Safety Metric moves from 10% to 90% synthetic (the Part 3 Lock).</summary>
public enum SafetyTrend
{
    Improves,
    Unchanged,
    Degrades,
}

/// <summary>
/// A sweep of the mix ratio at one randomisation intensity (0, 0.1, …, 1.0), every point a full run
/// on the same real and simulator streams, and the Lock outcome read from it.
/// </summary>
/// <param name="LockOutcome">Safety at 90% synthetic versus 10%: unchanged when the difference is within
/// <see cref="UnchangedTolerance"/>.</param>
/// <param name="UnchangedTolerance">One binomial standard error of a rain accuracy on this rain test set,
/// √(p(1 − p)/n) at the mean of the two ends: smaller differences are test-set noise, not an effect.</param>
/// <param name="ChallengeMixRatios">Mix ratios at which the stakeholder challenge is met.</param>
public sealed record MixSweep(
    double RandomizationIntensity,
    IReadOnlyList<DomainGapResult> Points,
    double SafetyAtLowSynthetic,
    double SafetyAtHighSynthetic,
    double UnchangedTolerance,
    SafetyTrend LockOutcome,
    IReadOnlyList<double> ChallengeMixRatios);
