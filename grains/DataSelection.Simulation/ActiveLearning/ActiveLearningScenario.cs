namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// Part 2 (Active Learning ROI) for one track: the unlabeled pool, the test set, the labeling
/// budget and what labels and the learner's own compute cost.
/// </summary>
/// <param name="PoolSize">Unlabeled examples the learner may choose from.</param>
/// <param name="TestSize">Held-out labeled examples accuracy is measured on.</param>
/// <param name="Features">Feature dimensions of each example.</param>
/// <param name="ClassSeparation">Distance between the two class means, in units of within-class standard deviation.</param>
/// <param name="HardCaseShare">Share of examples in the rare hard cluster near the decision boundary (Edge Guardian's 'statue' negatives).</param>
/// <param name="LabelNoise">Probability that a label the learner buys is wrong (Mobile Nomad: 0.05).</param>
/// <param name="SeedSize">Randomly chosen examples labeled before the first round.</param>
/// <param name="BatchSize">Examples labeled per round (the 'Selection Batch Size').</param>
/// <param name="Budget">Labels the learner may buy in all, seed included.</param>
/// <param name="LabelCostUsd">Price of one expert label.</param>
/// <param name="AccuracyTarget">The accuracy the track must reach (storyboard: 90%).</param>
/// <param name="NotionalPoolItems">Items of the track's real pool that the simulated pool stands for; scoring cost per round scales with it.</param>
/// <param name="ScoringGpuSecondsPerItem">Accelerator-seconds to score one pool item for uncertainty.</param>
/// <param name="RetrainGpuHours">Accelerator-hours to retrain the track's model once per round.</param>
/// <param name="HardCaseDepth">How far (in within-class standard deviations) the hard cluster sits past the naive boundary, on the positive side.</param>
/// <param name="HardCaseLift">Offset of the hard cluster along a second feature, which is what a tilted boundary can use to carve it out.</param>
/// <param name="HardCaseSpread">Standard deviation of the hard cluster along those two features.</param>
public sealed record ActiveLearningScenario(
    int PoolSize,
    int TestSize,
    int Features,
    double ClassSeparation,
    double HardCaseShare,
    double LabelNoise,
    int SeedSize,
    int BatchSize,
    int Budget,
    double LabelCostUsd,
    double AccuracyTarget,
    double NotionalPoolItems,
    double ScoringGpuSecondsPerItem,
    double RetrainGpuHours,
    double HardCaseDepth = 0.5,
    double HardCaseLift = 3.0,
    double HardCaseSpread = 0.4);
