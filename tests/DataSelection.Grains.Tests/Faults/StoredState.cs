using DataSelection.Contracts.Students;
using DataSelection.Grains.Sessions;
using DataSelection.Grains.Students;

namespace DataSelection.Grains.Tests.Faults;

/// <summary>What storage really holds for a grain, read beneath the grains (as a fresh activation would see it).</summary>
internal static class StoredState
{
    public static async Task<StudentState> Student(FaultyGrainStorage storage, IStudentGrain student) =>
        (await Read<StudentState>(storage, "student", student)).WithAllParts();

    public static Task<SessionState> Session(FaultyGrainStorage storage, IAddressable session) => Read<SessionState>(storage, "session", session);

    /// <summary>
    /// The Ledger as the grain answers it matches the stored one entry for entry, numbered 1, 2, 3… with no gap or
    /// duplicate; returns how many entries acknowledged before are missing from storage (the figure must be 0).
    /// </summary>
    public static async Task<int> CheckLedger(FaultyGrainStorage storage, IGrainFactory grains, IStudentGrain student, IEnumerable<LedgerEntry> acknowledged)
    {
        var answered = (await student.GetLedger()).Entries.ToList();
        var stored = await Ledger(storage, grains, student);
        Assert.Equal(Enumerable.Range(1, stored.Count), stored.Select(e => e.Sequence));
        Assert.Equal(stored, answered);
        return acknowledged.Count(entry => !stored.Contains(entry));
    }

    /// <summary>Replaces what storage holds for a student (as a state written by an older build would be found).</summary>
    public static async Task Overwrite(FaultyGrainStorage storage, IStudentGrain student, StudentState value)
    {
        var state = new GrainState<StudentState>(new StudentState());
        await storage.Inner.ReadStateAsync("student", student.GetGrainId(), state);
        state.State = value;
        await storage.Inner.WriteStateAsync("student", student.GetGrainId(), state);
    }

    /// <summary>Replaces what storage holds for one of a student's sealed Ledger pages.</summary>
    public static async Task OverwritePage(FaultyGrainStorage storage, IGrainFactory grains, IStudentGrain student, int page, IEnumerable<LedgerEntry> entries)
    {
        var pageGrain = grains.GetGrain<ILedgerPageGrain>(StudentKey.ForLedgerPage(student.GetPrimaryKeyString(), page));
        var state = new GrainState<LedgerPageState>(new LedgerPageState());
        await storage.Inner.ReadStateAsync("ledgerpage", pageGrain.GetGrainId(), state);
        state.State = new LedgerPageState { Entries = [.. entries] };
        await storage.Inner.WriteStateAsync("ledgerpage", pageGrain.GetGrainId(), state);
    }

    /// <summary>The whole stored Ledger: the sealed pages' entries, then the student state's open tail.</summary>
    public static async Task<List<LedgerEntry>> Ledger(FaultyGrainStorage storage, IGrainFactory grains, IStudentGrain student)
    {
        var state = await Student(storage, student);
        var entries = new List<LedgerEntry>();
        for (var page = 0; page < state.SealedPages; page++)
        {
            var pageGrain = grains.GetGrain<ILedgerPageGrain>(StudentKey.ForLedgerPage(student.GetPrimaryKeyString(), page));
            entries.AddRange((await Read<LedgerPageState>(storage, "ledgerpage", pageGrain)).Entries);
        }
        entries.AddRange(state.Ledger);
        return entries;
    }

    private static async Task<T> Read<T>(FaultyGrainStorage storage, string stateName, IAddressable grain)
        where T : new()
    {
        var state = new GrainState<T>(new T());
        await storage.Inner.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.State ?? new T();
    }
}
