namespace DataSelection.Contracts.Students;

/// <summary>Where a student is in a part: open → locked → working → reflected; closed while the instructor has it closed.</summary>
public static class PartStatus
{
    public const string Open = "open";
    public const string Locked = "locked";
    public const string Working = "working";
    public const string Reflected = "reflected";
    public const string Closed = "closed";
}
