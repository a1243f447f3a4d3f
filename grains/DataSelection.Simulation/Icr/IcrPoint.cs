namespace DataSelection.Simulation.Icr;

/// <summary>
/// One checkpoint of one training run on the ICR curve: how much it has trained, what that cost,
/// and what it has learned, measured on held-out documents.
/// </summary>
/// <param name="Checkpoint">0 for the untrained model, then 1…IcrCheckpoints.</param>
/// <param name="Documents">Documents this run has trained on so far.</param>
/// <param name="Tokens">Tokens of the generated stream this run has trained on so far.</param>
/// <param name="NotionalTokens">Tokens of the track's real corpus those stand for.</param>
/// <param name="TrainingFlops">6·N·notional tokens of the track's notional model.</param>
/// <param name="HeldOutLoss">Cross-entropy on clean held-out documents, nats per token.</param>
/// <param name="LearningProgress">I = log V − held-out loss: nats per token learned over the untrained (uniform) model.</param>
/// <param name="MarginalIcr">ΔI/ΔFLOPs since the previous checkpoint; null at the origin or when this run spent no FLOPs in between.</param>
/// <param name="CumulativeIcr">I/FLOPs since the start; null while no FLOPs are spent.</param>
public sealed record IcrPoint(
    int Checkpoint,
    int Documents,
    long Tokens,
    double NotionalTokens,
    double TrainingFlops,
    double HeldOutLoss,
    double LearningProgress,
    double? MarginalIcr,
    double? CumulativeIcr);
