namespace DataSelection.Simulation.ActiveLearning;

/// <summary>A generated Part 2 data set: the unlabeled pool (with noisy purchasable labels) and the clean test set.</summary>
public sealed record ActiveLearningData(LabeledPool Pool, LabeledPool Test);
