namespace DataSelection.Contracts.Lab;

/// <summary>A student's locked prediction: a percentage (Part 1) or a choice (Parts 2 and 3).</summary>
[GenerateSerializer, Immutable, Alias("ds.Prediction")]
public sealed record Prediction([property: Id(0)] double? Value, [property: Id(1)] string? Choice)
{
    public override string ToString() =>
        Value is { } value ? FormattableString.Invariant($"{value:0.##}%") : Choice ?? "";
}
