namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// What one active-learning round is worth against random sampling at equal accuracy.
/// </summary>
/// <param name="Round">The active-learning round (0 = seed set).</param>
/// <param name="Labels">Labels active learning had bought.</param>
/// <param name="Accuracy">Its test accuracy.</param>
/// <param name="RandomLabelsForAccuracy">Labels random sampling needs for that accuracy (interpolated on its curve); null if random never got there.</param>
/// <param name="LabelSavingsUsd">(Random's labels − active learning's labels) × label cost; when random never got there, its whole run's labels are used, so this is a lower bound.</param>
/// <param name="ComputeSpendUsd">Active learning's own compute so far.</param>
/// <param name="NetSavingsUsd">Label savings − compute spend.</param>
public sealed record KneeRound(
    int Round,
    int Labels,
    double Accuracy,
    double? RandomLabelsForAccuracy,
    double LabelSavingsUsd,
    double ComputeSpendUsd,
    double NetSavingsUsd);

/// <summary>
/// The knee of the active-learning curve: the label count at which to stop selecting. Each round
/// costs compute (scoring the pool + retraining) and saves the labels random sampling would
/// have needed to reach the same accuracy. Net savings = label savings − compute spend; the knee
/// is the round where net savings peak (earliest on ties). Every round after it costs more
/// compute than the labeling money it saves — measured cumulatively, so one lucky or unlucky
/// round of a noisy curve does not decide it.
/// </summary>
/// <param name="Labels">Labels bought at the knee.</param>
/// <param name="Round">The knee's round.</param>
/// <param name="NetSavingsUsd">Net savings at the knee (negative if active learning never pays for itself; then the knee is the seed set).</param>
/// <param name="Rounds">Net savings of every active-learning round.</param>
public sealed record ActiveLearningKnee(int Labels, int Round, double NetSavingsUsd, IReadOnlyList<KneeRound> Rounds)
{
    public static ActiveLearningKnee Find(ActiveLearningCurve active, ActiveLearningCurve random, double labelCostUsd)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(random);
        if (active.Rounds.Count == 0 || random.Rounds.Count == 0)
        {
            throw new ArgumentException("Both curves need at least one round.");
        }
        var randomFinalLabels = random.Rounds[^1].Labels;
        var rounds = new List<KneeRound>(active.Rounds.Count);
        foreach (var round in active.Rounds)
        {
            var randomLabels = random.LabelsFor(round.Accuracy);
            var savings = ((randomLabels ?? randomFinalLabels) - round.Labels) * labelCostUsd;
            rounds.Add(new KneeRound(
                round.Round, round.Labels, round.Accuracy, randomLabels, savings, round.ComputeSpendUsd, savings - round.ComputeSpendUsd));
        }
        var knee = rounds[0];
        foreach (var round in rounds)
        {
            if (round.NetSavingsUsd > knee.NetSavingsUsd)
            {
                knee = round;
            }
        }
        return new ActiveLearningKnee(knee.Labels, knee.Round, knee.NetSavingsUsd, rounds);
    }
}
