namespace DataSelection.Simulation.DomainGap;

/// <summary>Labeled feature rows (rows × features, labels 0/1) with the condition each was recorded in.</summary>
public sealed record DomainGapDataset(double[][] Features, int[] Labels, WeatherCondition[] Conditions)
{
    public int Count => Labels.Length;

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public DomainGapDataset Take(int count) =>
        new(Features[..count], Labels[..count], Conditions[..count]);

    /// <summary>This set followed by <paramref name="other"/>.</summary>
    public DomainGapDataset Concat(DomainGapDataset other) =>
        new([.. Features, .. other.Features], [.. Labels, .. other.Labels], [.. Conditions, .. other.Conditions]);
}
