namespace DataSelection.Grains.Hosting;

/// <summary>The grain storage every lab grain persists through: <c>[PersistentState("state", LabStorage.Name)]</c>.</summary>
public static class LabStorage
{
    /// <summary>Name of the lab's grain storage provider (SQLite in embedded and silo modes).</summary>
    public const string Name = "lab";
}
