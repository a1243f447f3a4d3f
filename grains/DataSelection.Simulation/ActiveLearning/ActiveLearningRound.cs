namespace DataSelection.Simulation.ActiveLearning;

/// <summary>One point of an active-learning curve: the state after a round's labels were bought and the model retrained.</summary>
/// <param name="Round">0 for the seed set, then 1, 2, … per selection round.</param>
/// <param name="Labels">Labels bought so far, seed included.</param>
/// <param name="Accuracy">Share of the clean test set classified correctly.</param>
/// <param name="HardCaseRecall">Share of the test set's hard cases classified correctly; null when the test set has none or carries no flags.</param>
/// <param name="HardCasesLabeled">Hard-cluster items among the labels bought; null when the pool carries no flags.</param>
/// <param name="LabelSpendUsd">Labels × label cost.</param>
/// <param name="ComputeSpendUsd">The learner's own compute so far (selection rounds × cost per round; 0 for random).</param>
/// <param name="TotalCostUsd">Label spend + compute spend.</param>
/// <param name="TrainingIterations">Newton steps the retraining took (0 while the labels hold a single class).</param>
public sealed record ActiveLearningRound(
    SamplingStrategy Strategy,
    int Round,
    int Labels,
    double Accuracy,
    double? HardCaseRecall,
    int? HardCasesLabeled,
    double LabelSpendUsd,
    double ComputeSpendUsd,
    double TotalCostUsd,
    int TrainingIterations);
