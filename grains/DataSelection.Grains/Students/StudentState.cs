using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;

namespace DataSelection.Grains.Students;

/// <summary>What a student grain keeps: identity, each part's record, and the append-only Ledger.</summary>
[GenerateSerializer, Alias("ds.StudentState")]
public sealed class StudentState
{
    [Id(0)] public StudentIdentity? Identity { get; set; }
    // Starts empty: a serializer that fills existing collections (Newtonsoft's default) would otherwise
    // append the stored parts after three blank ones. WithAllParts() adds the missing ones.
    [Id(1)] public List<PartState> Parts { get; set; } = [];
    [Id(2)] public List<LedgerEntry> Ledger { get; set; } = [];

    /// <summary>Makes sure there is a record for every part (new students, and states read back from storage).</summary>
    public StudentState WithAllParts()
    {
        while (Parts.Count < LabCatalog.PartCount)
        {
            Parts.Add(new PartState());
        }
        return this;
    }
}

/// <summary>One part's record for one student.</summary>
[GenerateSerializer, Alias("ds.PartState")]
public sealed class PartState
{
    [Id(0)] public LockRecord? Lock { get; set; }
    [Id(1)] public int Runs { get; set; }
    [Id(2)] public RunRecord? LatestRun { get; set; }
    [Id(3)] public KneeRecord? Knee { get; set; }
    [Id(4)] public ReflectionRecord? Reflection { get; set; }
    [Id(5)] public LockScore? Score { get; set; }
}
