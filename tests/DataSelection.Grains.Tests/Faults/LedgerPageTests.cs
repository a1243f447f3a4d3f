using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Grains.Students;
using DataSelection.Grains.Tests.Lab;
using DataSelection.Testing;

namespace DataSelection.Grains.Tests.Faults;

/// <summary>The Ledger's full pages live in their own records: what a run writes stays small, and nothing is lost or doubled.</summary>
[Collection(FaultClusterCollection.Name)]
[Trait("Category", "Security")]
public sealed class LedgerPageTests(FaultClusterFixture fixture) : IDisposable
{
    private IGrainFactory Grains => fixture.Grains;

    private FaultyGrainStorage Storage => fixture.Storage;

    public void Dispose()
    {
        Storage.Heal();
        SecurityFigures.Record(SecurityFigures.FaultsInjected, Storage.TakeInjected(), "grain storage");
    }

    [Fact]
    public async Task A_long_ledger_reads_back_whole_and_in_order_after_deactivation_while_the_students_own_record_stays_small()
    {
        var student = await StudentLockedOnPart3();
        var workbench = student.Workbench(3);
        var sizes = new List<int>();
        for (var run = 1; run <= 100; run++)
        {
            await workbench.Run(Classroom.Part3(mix: 0.3));
            // Joined + locked + runs: at these runs the Ledger holds a whole number of pages, so the open tail is one full page.
            if ((run + 2) % (3 * StudentRules.LedgerPageSize) == 0)
            {
                sizes.Add(StoredSize(await StoredState.Student(Storage, student.Grain)));
            }
        }

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var ledger = (await student.Grain.GetLedger()).Entries;

        // Joined, locked, 100 runs: numbered 1 … 102 with no gap or repeat, the runs in order.
        Assert.Equal(Enumerable.Range(1, 102), ledger.Select(e => e.Sequence));
        var runs = ledger.Where(e => e.Kind == LedgerEntry.Run).ToList();
        Assert.Equal(100, runs.Count);
        Assert.All(runs.Select((entry, i) => (entry, i)), run => Assert.StartsWith($"Run {run.i + 1} of part 3:", run.entry.Summary, StringComparison.Ordinal));
        var stored = await StoredState.Student(Storage, student.Grain);
        Assert.Equal(StudentRules.LedgerPageSize, stored.PageSize);
        Assert.Equal((102 - 1) / StudentRules.LedgerPageSize, stored.SealedPages);
        Assert.InRange(stored.Ledger.Count, 1, StudentRules.LedgerPageSize);
        // The record a run writes does not grow with the Ledger: with the same tail, no bigger late than early
        // (but for a few bytes of longer numbers).
        Assert.True(sizes.Count >= 4 && sizes[^1] <= sizes[0] + 16, $"stored sizes with a full tail, every {3 * StudentRules.LedgerPageSize} entries: {string.Join(", ", sizes)}");
        Assert.Equal(0, await StoredState.CheckLedger(Storage, Grains, student.Grain, ledger));
    }

    [Fact]
    public async Task A_crash_between_sealing_a_page_and_writing_the_student_loses_and_doubles_nothing()
    {
        var student = await StudentLockedOnPart3();
        var workbench = student.Workbench(3);
        // Joined + locked + 30 runs = a full page in the tail: the next run's write seals page 0 first.
        for (var run = 0; run < StudentRules.LedgerPageSize - 2; run++)
        {
            await workbench.Run(Classroom.Part3(mix: 0.4));
        }
        var before = (await student.Grain.GetLedger()).Entries;
        Storage.BreakNextWrites(1, StorageFault.Fails, "student");

        var refused = await Assert.ThrowsAsync<LabRuleException>(() => workbench.Run(Classroom.Part3(mix: 0.4)));

        Assert.Equal(LabRule.NotSaved, refused.Rule);
        Assert.Equal<LedgerEntry>(before, (await student.Grain.GetLedger()).Entries);
        Assert.Equal(0, (await StoredState.Student(Storage, student.Grain)).SealedPages);
        var again = await workbench.Run(Classroom.Part3(mix: 0.4));
        Assert.Equal(StudentRules.LedgerPageSize - 1, again.RunNumber);

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var ledger = (await student.Grain.GetLedger()).Entries;
        Assert.Equal(Enumerable.Range(1, StudentRules.LedgerPageSize + 1), ledger.Select(e => e.Sequence));
        Assert.Equal(1, (await StoredState.Student(Storage, student.Grain)).SealedPages);
        Assert.Equal(0, await StoredState.CheckLedger(Storage, Grains, student.Grain, before));
    }

    [Fact]
    public async Task A_state_stored_before_pages_existed_loads_whole_and_is_paged_at_its_next_write()
    {
        var student = await StudentLockedOnPart3();
        var identity = await student.Grain.GetIdentity();
        // The old format: every entry in the student's own record, no pages.
        var old = await StoredState.Student(Storage, student.Grain);
        for (var i = old.Ledger.Count; i < 70; i++)
        {
            old.Ledger.Add(new LedgerEntry(i + 1, DateTimeOffset.UnixEpoch.AddSeconds(i), LedgerEntry.Reflection, 3, $"old entry {i + 1}", "{}"));
        }
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await StoredState.Overwrite(Storage, student.Grain, old);

        Assert.Equal(Enumerable.Range(1, 70), (await student.Grain.GetLedger()).Entries.Select(e => e.Sequence));
        await student.Workbench(3).Run(Classroom.Part3(mix: 0.45));

        var ledger = (await student.Grain.GetLedger()).Entries;
        Assert.Equal(Enumerable.Range(1, 71), ledger.Select(e => e.Sequence));
        Assert.Equal(identity, (await student.Grain.GetIdentity()));
        // No page sealed yet, so it takes today's page size.
        Assert.Equal((71 - 1) / StudentRules.LedgerPageSize, (await StoredState.Student(Storage, student.Grain)).SealedPages);
        Assert.Equal(0, await StoredState.CheckLedger(Storage, Grains, student.Grain, ledger));
    }

    [Fact]
    public async Task A_student_whose_pages_were_sealed_at_the_legacy_size_keeps_reading_and_sealing_at_that_size()
    {
        var student = await StudentLockedOnPart3();
        // As an older build stored it: one sealed page of the legacy size (no page size kept) and a tail after it.
        static LedgerEntry Old(int sequence) =>
            new(sequence, DateTimeOffset.UnixEpoch.AddSeconds(sequence), LedgerEntry.Reflection, 3, $"old entry {sequence}", "{}");
        var old = await StoredState.Student(Storage, student.Grain);
        old.PageSize = 0;
        old.SealedPages = 1;
        old.Ledger = [.. Enumerable.Range(StudentRules.LegacyLedgerPageSize + 1, 5).Select(Old)];
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await StoredState.OverwritePage(Storage, Grains, student.Grain, 0, Enumerable.Range(1, StudentRules.LegacyLedgerPageSize).Select(Old));
        await StoredState.Overwrite(Storage, student.Grain, old);

        var legacyCount = StudentRules.LegacyLedgerPageSize + 5;
        Assert.Equal(Enumerable.Range(1, legacyCount), (await student.Grain.GetLedger()).Entries.Select(e => e.Sequence));
        var workbench = student.Workbench(3);
        for (var run = 0; run < StudentRules.LegacyLedgerPageSize; run++)
        {
            await workbench.Run(Classroom.Part3(mix: 0.35));
        }

        var stored = await StoredState.Student(Storage, student.Grain);
        Assert.Equal(StudentRules.LegacyLedgerPageSize, stored.PageSize);
        Assert.Equal(2, stored.SealedPages);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var ledger = (await student.Grain.GetLedger()).Entries;
        Assert.Equal(Enumerable.Range(1, legacyCount + StudentRules.LegacyLedgerPageSize), ledger.Select(e => e.Sequence));
        Assert.Equal("old entry 1", ledger[0].Summary);
        Assert.Equal(0, await StoredState.CheckLedger(Storage, Grains, student.Grain, ledger));
    }

    /// <summary>A student of a new session with Part 3 locked, so its workbench runs.</summary>
    private async Task<Classroom.Student> StudentLockedOnPart3()
    {
        var student = await Classroom.Join(Grains, await Classroom.NewSession(Grains));
        await student.LockChoice(3, "degrades");
        return student;
    }

    private int StoredSize(StudentState state) =>
        fixture.Serializer.SerializeToArray(state).Length;
}
