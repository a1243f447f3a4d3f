using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;

namespace DataSelection.Grains.Students;

/// <summary>What a student grain keeps: identity, each part's record, and the append-only Ledger.</summary>
[GenerateSerializer, Alias("ds.StudentState")]
public sealed class StudentState
{
    [Id(0)] public StudentIdentity? Identity { get; set; }
    [Id(1)] public List<PartState> Parts { get; set; } = [.. Enumerable.Range(0, LabCatalog.PartCount).Select(_ => new PartState())];
    [Id(2)] public List<LedgerEntry> Ledger { get; set; } = [];
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
