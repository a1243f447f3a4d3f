namespace DataSelection.Simulation.ActiveLearning;

/// <summary>Part 2's measured outcome: the chosen uncertainty strategy against random sampling on the same data.</summary>
/// <param name="Active">The uncertainty strategy's curve.</param>
/// <param name="Random">The random-sampling baseline's curve (same data, same seed set).</param>
/// <param name="AccuracyTarget">The track's target.</param>
/// <param name="LearnerCostPerRoundUsd">Compute one selection round costs: scoring the notional pool + one retraining.</param>
/// <param name="ActiveLabelsToTarget">Labels at the first active-learning round reaching the target; null if never.</param>
/// <param name="RandomLabelsToTarget">Labels at the first random round reaching the target; null if never.</param>
/// <param name="LabelsSavedAtTarget">Random's labels − active learning's labels at the target; null unless both reach it.</param>
/// <param name="DollarsSavedAtTarget">Random's total cost − active learning's total cost (labels + compute) at the target; null unless both reach it.</param>
/// <param name="ParetoFrontier">Non-dominated (total cost, accuracy) points over both curves, by cost ascending.</param>
/// <param name="Knee">Where more selection rounds stop paying for themselves.</param>
public sealed record ActiveLearningResult(
    ActiveLearningCurve Active,
    ActiveLearningCurve Random,
    double AccuracyTarget,
    double LearnerCostPerRoundUsd,
    int? ActiveLabelsToTarget,
    int? RandomLabelsToTarget,
    int? LabelsSavedAtTarget,
    double? DollarsSavedAtTarget,
    IReadOnlyList<ParetoPoint> ParetoFrontier,
    ActiveLearningKnee Knee);
