namespace DataSelection.Simulation.DomainGap;

/// <summary>
/// Part 3 (Domain Gap Synthesis) for one track: the scarce real data, the synthetic simulator that
/// gets 'rain' wrong, and the targets the Safety Lead sets.
/// </summary>
/// <param name="RealSamples">Real labeled samples available for training (Tiny Pioneer: 500).</param>
/// <param name="TrainingSamples">Size of the training set the mix ratio splits into synthetic and real.</param>
/// <param name="TestSamples">Held-out real samples, across all conditions, accuracy is measured on.</param>
/// <param name="Features">Feature dimensions of each sample.</param>
/// <param name="RainShare">Share of field samples (held-out test set, simulator renders) taken in rain.</param>
/// <param name="SyntheticShift">Size of the simulator's systematic shift, in within-class standard deviations.</param>
/// <param name="RainMismatch">How wrong the simulator's rain is: the distance between its rain shift and real rain's, in
/// within-class standard deviations (0 = modelled correctly; real rain shifts 8, so 8√2 ≈ 11.3 puts the simulator's rain on another feature entirely).</param>
/// <param name="MixRatio">Default synthetic share of the training set (0–1).</param>
/// <param name="RandomizationIntensity">Default domain-randomisation intensity (0–1).</param>
/// <param name="AccuracyTarget">Accuracy on held-out real data the stakeholder requires.</param>
/// <param name="SafetyTarget">Minimum accuracy on the rain condition (the safety metric).</param>
/// <param name="FidThreshold">Maximum FID between synthetic and real features the Safety Lead accepts.</param>
public sealed record DomainGapScenario(
    int RealSamples,
    int TrainingSamples,
    int TestSamples,
    int Features,
    double RainShare,
    double SyntheticShift,
    double RainMismatch,
    double MixRatio,
    double RandomizationIntensity,
    double AccuracyTarget,
    double SafetyTarget,
    double FidThreshold)
{
    /// <summary>
    /// Condition shares of the real training collection (null: the same as the field). Small real sets
    /// are recorded mostly in easy conditions, so this is what makes the simulator's coverage worth its gap.
    /// </summary>
    public ConditionShares? RealCollection { get; init; }

    /// <summary>Condition shares of the field: the held-out real test set and the simulator's renders.</summary>
    public ConditionShares FieldShares => ConditionShares.Field(RainShare);

    /// <summary>Condition shares the real training samples are drawn with.</summary>
    public ConditionShares CollectionShares => RealCollection ?? FieldShares;
}
