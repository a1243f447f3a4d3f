using DataSelection.Contracts.Lab;

namespace DataSelection.Grains.Students;

/// <summary>How a locked prediction is scored against the measured outcome, out of 100.</summary>
public static class LockScoring
{
    /// <summary>Part 1 loses this many points per percentage point of error (10 points off scores 80).</summary>
    public const double PointsPerPercentError = 2.0;

    public static double Score(Prediction prediction, MeasuredOutcome measured)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(measured);
        if (prediction.Value is { } predicted && measured.Value is { } actual)
        {
            return Math.Max(0.0, 100.0 - PointsPerPercentError * Math.Abs(predicted - actual));
        }
        return prediction.Choice is not null && prediction.Choice == measured.Choice ? 100.0 : 0.0;
    }
}
