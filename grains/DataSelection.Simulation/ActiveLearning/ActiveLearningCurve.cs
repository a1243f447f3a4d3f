namespace DataSelection.Simulation.ActiveLearning;

/// <summary>Accuracy and cost after each round of one strategy's run.</summary>
public sealed record ActiveLearningCurve(SamplingStrategy Strategy, IReadOnlyList<ActiveLearningRound> Rounds)
{
    /// <summary>The first round whose accuracy reaches <paramref name="accuracy"/>, or null if none does.</summary>
    public ActiveLearningRound? FirstRoundReaching(double accuracy) => Rounds.FirstOrDefault(r => r.Accuracy >= accuracy);

    /// <summary>
    /// Labels this curve needs for <paramref name="accuracy"/>, interpolated linearly between the
    /// rounds either side of its first crossing; null if the curve never gets there.
    /// </summary>
    public double? LabelsFor(double accuracy)
    {
        for (var i = 0; i < Rounds.Count; i++)
        {
            var current = Rounds[i];
            if (current.Accuracy < accuracy)
            {
                continue;
            }
            if (i == 0)
            {
                return current.Labels;
            }
            var previous = Rounds[i - 1];
            var share = (accuracy - previous.Accuracy) / (current.Accuracy - previous.Accuracy);
            return previous.Labels + share * (current.Labels - previous.Labels);
        }
        return null;
    }
}
