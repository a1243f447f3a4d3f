namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// Scores a student's guess of the knee (in labels) out of 100. The knee is only resolved to
/// one round, so any guess within one batch of it is exact (100); beyond that the score falls
/// linearly, reaching 0 at <see cref="ZeroScoreBatches"/> batches away.
/// </summary>
public static class KneeScore
{
    /// <summary>Distance (in batches) within which a guess gets full marks: the knee's own resolution.</summary>
    public const double FullScoreBatches = 1.0;

    /// <summary>Distance (in batches) at which a guess gets nothing.</summary>
    public const double ZeroScoreBatches = 5.0;

    public static int Score(int submittedLabels, int actualLabels, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var batchesAway = Math.Abs(submittedLabels - actualLabels) / (double)batchSize;
        if (batchesAway <= FullScoreBatches)
        {
            return 100;
        }
        var share = 1.0 - (batchesAway - FullScoreBatches) / (ZeroScoreBatches - FullScoreBatches);
        return (int)Math.Round(100.0 * Math.Clamp(share, 0.0, 1.0), MidpointRounding.AwayFromZero);
    }
}
