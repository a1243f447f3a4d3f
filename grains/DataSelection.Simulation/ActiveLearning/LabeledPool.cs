namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// Labeled examples as plain arrays: a pool the learner buys labels from, or a test set it is
/// scored on. Features are row-major (<see cref="Rows"/> × <see cref="FeatureCount"/>); labels
/// are class indices 0…K−1; optional flags mark the rare hard cases ('statue' negatives).
/// </summary>
/// <remarks>
/// For a pool, <see cref="Labels"/> are the labels the oracle would sell, noise included. The
/// arrays are owned by the pool once it is built: callers must not change them afterwards.
/// </remarks>
public sealed class LabeledPool
{
    public LabeledPool(double[] features, int featureCount, int[] labels, bool[]? hardCases = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (features.Length != labels.Length * featureCount)
        {
            throw new ArgumentException(
                $"Expected {labels.Length} rows × {featureCount} features = {labels.Length * featureCount} values, got {features.Length}.",
                nameof(features));
        }
        if (hardCases is not null && hardCases.Length != labels.Length)
        {
            throw new ArgumentException("Hard-case flags must have one entry per row.", nameof(hardCases));
        }
        var maxLabel = -1;
        foreach (var label in labels)
        {
            if (label < 0)
            {
                throw new ArgumentException("Labels must be class indices 0…K−1.", nameof(labels));
            }
            maxLabel = Math.Max(maxLabel, label);
        }
        foreach (var value in features)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("Features must be finite numbers.", nameof(features));
            }
        }
        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
        HardCases = hardCases;
        ClassCount = maxLabel + 1;
    }

    public double[] Features { get; }

    public int FeatureCount { get; }

    public int[] Labels { get; }

    /// <summary>True for rows in the rare hard cluster; null when the data carries no such flags (e.g. a user's CSV).</summary>
    public bool[]? HardCases { get; }

    public int Rows => Labels.Length;

    /// <summary>One more than the largest label present.</summary>
    public int ClassCount { get; }

    public ReadOnlySpan<double> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);
}
