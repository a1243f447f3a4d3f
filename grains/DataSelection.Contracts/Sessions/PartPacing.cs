namespace DataSelection.Contracts.Sessions;

/// <summary>Whether the instructor has a part open, and whether its outcome is revealed to the class.</summary>
[GenerateSerializer, Immutable, Alias("ds.PartPacing")]
public sealed record PartPacing([property: Id(0)] int Part, [property: Id(1)] bool Open, [property: Id(2)] bool Revealed);

/// <summary>What the instructor does to a part.</summary>
public enum PacingAction
{
    Open,
    Close,
    Reveal,
}
