namespace DataSelection.Simulation.ActiveLearning;

/// <summary>How one active-learning run buys labels.</summary>
/// <param name="Strategy">Which items to label each round.</param>
/// <param name="SeedSize">Items labeled at random before the first round.</param>
/// <param name="BatchSize">Items labeled per round (top-k).</param>
/// <param name="Budget">Labels bought in all, seed included (capped at the pool size).</param>
/// <param name="LabelCostUsd">Price of one label.</param>
/// <param name="Seed">Fixes the seed set and random choices; runs with the same seed share their seed set.</param>
/// <param name="LearnerCostPerRoundUsd">
/// The learner's own compute per selection round (score the whole pool + retrain). Charged to
/// uncertainty strategies only: random sampling needs no model to choose, so it can buy all its
/// labels at once (both pay the same final training, which is left out).
/// </param>
/// <param name="InverseRegularization">C of the logistic regression (scikit-learn's default, 1).</param>
public sealed record ActiveLearningOptions(
    SamplingStrategy Strategy,
    int SeedSize,
    int BatchSize,
    int Budget,
    double LabelCostUsd,
    ulong Seed,
    double LearnerCostPerRoundUsd = 0.0,
    double InverseRegularization = 1.0);
