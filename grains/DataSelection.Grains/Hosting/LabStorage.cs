namespace DataSelection.Grains.Hosting;

/// <summary>The grain storage every lab grain persists its state in.</summary>
public static class LabStorage
{
    public const string Name = "lab";
}
