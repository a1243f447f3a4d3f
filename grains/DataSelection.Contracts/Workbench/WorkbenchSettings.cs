using DataSelection.Simulation.Tracks;

namespace DataSelection.Contracts.Workbench;

/// <summary>The controls of one part's workbench, validated against the catalog's ranges.</summary>
[GenerateSerializer, Immutable, Alias("ds.WorkbenchSettings")]
public abstract record WorkbenchSettings
{
    /// <summary>The part these settings belong to.</summary>
    public abstract int Part { get; }

    /// <summary>A stable text form of every value, for cache keys and the ledger.</summary>
    public abstract string CanonicalForm();

    /// <summary>The track's defaults for <paramref name="part"/>.</summary>
    public static WorkbenchSettings DefaultsFor(int part, TrackScenario track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return part switch
        {
            1 => new DedupSettings(track.Dedup.Threshold, track.Dedup.NumPerm, track.Dedup.Ngram),
            2 => new ActiveLearningSettings("margin", track.ActiveLearning.BatchSize, track.ActiveLearning.Budget),
            3 => new DomainGapSettings(track.DomainGap.MixRatio, track.DomainGap.RandomizationIntensity),
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, "Parts are 1, 2 and 3."),
        };
    }
}

/// <summary>Part 1: the deduplication threshold and the MinHash/LSH settings.</summary>
[GenerateSerializer, Immutable, Alias("ds.DedupSettings")]
public sealed record DedupSettings(
    [property: Id(0)] double Threshold,
    [property: Id(1)] int NumPerm,
    [property: Id(2)] int Ngram) : WorkbenchSettings
{
    public override int Part => 1;

    public override string CanonicalForm() =>
        FormattableString.Invariant($"threshold={Threshold:R};numPerm={NumPerm};ngram={Ngram}");
}

/// <summary>Part 2: the uncertainty score, the selection batch size and the labeling budget.</summary>
[GenerateSerializer, Immutable, Alias("ds.ActiveLearningSettings")]
public sealed record ActiveLearningSettings(
    [property: Id(0)] string Strategy,
    [property: Id(1)] int BatchSize,
    [property: Id(2)] int Budget) : WorkbenchSettings
{
    public override int Part => 2;

    public override string CanonicalForm() =>
        FormattableString.Invariant($"strategy={Strategy};batchSize={BatchSize};budget={Budget}");
}

/// <summary>Part 3: the synthetic share of the training data and the domain-randomization intensity.</summary>
[GenerateSerializer, Immutable, Alias("ds.DomainGapSettings")]
public sealed record DomainGapSettings(
    [property: Id(0)] double Mix,
    [property: Id(1)] double Intensity) : WorkbenchSettings
{
    public override int Part => 3;

    public override string CanonicalForm() =>
        FormattableString.Invariant($"mix={Mix:R};intensity={Intensity:R}");
}
