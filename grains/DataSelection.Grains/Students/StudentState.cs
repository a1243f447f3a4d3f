using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;

namespace DataSelection.Grains.Students;

/// <summary>
/// What a student grain keeps: identity, each part's record, and the open tail of the append-only Ledger;
/// its full pages are sealed into <see cref="Contracts.Students.ILedgerPageGrain"/>s (<see cref="SealedPages"/> of
/// <see cref="PageSize"/> entries), so a write's size does not grow with the Ledger.
/// </summary>
[GenerateSerializer, Alias("ds.StudentState")]
public sealed class StudentState
{
    [Id(0)] public StudentIdentity? Identity { get; set; }
    // Starts empty: a serializer that fills existing collections (Newtonsoft's default) would otherwise
    // append the stored parts after three blank ones. WithAllParts() adds the missing ones.
    [Id(1)] public List<PartState> Parts { get; set; } = [];
    /// <summary>The Ledger's entries after the sealed pages (all of it in states stored before pages existed).</summary>
    [Id(2)] public List<LedgerEntry> Ledger { get; set; } = [];

    /// <summary>Full pages sealed away, in order: entries 1 … SealedPages × page size.</summary>
    [Id(3)] public int SealedPages { get; set; }

    /// <summary>
    /// Entries per sealed page, fixed once the first page is sealed: 0 in states stored before the size was kept,
    /// which sealed pages of <see cref="StudentRules.LegacyLedgerPageSize"/>. See <see cref="WithPageSize"/>.
    /// </summary>
    [Id(4)] public int PageSize { get; set; }

    /// <summary>Entries in the whole Ledger.</summary>
    public int LedgerCount => (SealedPages * PageSize) + Ledger.Count;

    /// <summary>Makes sure there is a record for every part (new students, and states read back from storage).</summary>
    public StudentState WithAllParts()
    {
        while (Parts.Count < LabCatalog.PartCount)
        {
            Parts.Add(new PartState());
        }
        return this;
    }

    /// <summary>
    /// Settles the page size: a state with sealed pages keeps theirs (the legacy size if it never recorded one);
    /// one with none yet takes today's <see cref="StudentRules.LedgerPageSize"/>. The rule gives the same answer
    /// on every load until a page is sealed, so a crash before the size is stored changes nothing.
    /// </summary>
    public StudentState WithPageSize()
    {
        if (SealedPages == 0)
        {
            PageSize = StudentRules.LedgerPageSize;
        }
        else if (PageSize == 0)
        {
            PageSize = StudentRules.LegacyLedgerPageSize;
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
