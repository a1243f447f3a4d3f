using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;
using DataSelection.Grains.Tests.Lab;
using DataSelection.Testing;

namespace DataSelection.Grains.Tests.Faults;

/// <summary>
/// Storage that fails or times out under each confirming step: the caller hears "not saved", the grain's memory
/// falls back to what storage holds, the Ledger keeps its numbering, and the same step succeeds once storage heals.
/// </summary>
[Collection(FaultClusterCollection.Name)]
[Trait("Category", "Security")]
public sealed class StorageFaultTests(FaultClusterFixture fixture) : IDisposable
{
    private IGrainFactory Grains => fixture.Grains;

    private FaultyGrainStorage Storage => fixture.Storage;

    public void Dispose()
    {
        Storage.Heal();
        SecurityFigures.Record(SecurityFigures.FaultsInjected, Storage.TakeInjected(), "grain storage");
    }

    [Fact]
    public async Task While_the_session_writes_its_roster_on_a_slow_disk_its_students_can_still_run()
    {
        var session = await Classroom.NewSession(Grains);
        var ada = await Classroom.Join(Grains, session, "Ada");
        await ada.LockPercent(30);
        var held = Storage.HoldNextWrite("session", session.GetGrainId());
        // A run count: the session writes it on its own beat (every few seconds), while no one waits for it.
        var id = (await ada.Grain.GetIdentity()).StudentId;
        await session.Report(new StudentTransition(id, StudentTransition.Ran, 1, DateTimeOffset.UtcNow, Outcome: 40, RunNumber: 1));
        await held.Entered.Task.WaitAsync(AnswerBound);

        // Every run asks the session whether its part is still open. Had the write held the session, these
        // would wait for the disk (here: until released, so past the bound).
        var info = await session.GetInfo().WaitAsync(AnswerBound);
        var track = await ada.Grain.BeginRun(1).WaitAsync(AnswerBound);

        Assert.True(info.Pacing[0].Open);
        Assert.Equal("cloud-titan", track);
        Assert.False(held.Release.Task.IsCompleted);
        held.Release.TrySetResult();
        Assert.Equal(1, Assert.Single((await session.GetRoster(1, 10)).Entries).Runs);
    }

    /// <summary>Far longer than an answer takes; a caller held behind the disk would never get one within it.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(StorageFault.Fails)]
    [InlineData(StorageFault.TimesOut)]
    public async Task A_lock_storage_does_not_confirm_is_refused_as_not_saved_leaves_the_part_unlocked_and_succeeds_when_sent_again(StorageFault fault)
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        var before = await Ledger(student);
        Storage.BreakNextWrites(1, fault, "student");

        await ExpectNotSaved(() => student.LockPercent(30));

        var view = await student.Grain.GetView();
        Assert.Null(view.Parts[0].Lock);
        Assert.Equal(PartStatus.Open, view.Parts[0].Status);
        Assert.Equal(before, await Ledger(student));
        Assert.Null((await StoredState.Student(Storage, student.Grain)).Parts[0].Lock);

        var locked = await student.LockPercent(30);
        Assert.Equal(locked, (await StoredState.Student(Storage, student.Grain)).Parts[0].Lock);
        await ExpectNothingLost(student, before);
    }

    [Fact]
    public async Task A_run_whose_ledger_write_fails_is_not_counted_and_the_run_sent_again_is_run_one()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        await student.LockPercent(30);
        var workbench = student.Workbench(1);
        Storage.BreakNextWrites(1, StorageFault.Fails, "student");

        await ExpectNotSaved(() => workbench.Run(Classroom.Part1(threshold: 0.65)));

        Assert.Equal(0, (await student.Grain.GetView()).Parts[0].Runs);
        Assert.DoesNotContain(await Ledger(student), e => e.Kind == LedgerEntry.Run);
        Assert.Equal(0, (await StoredState.Student(Storage, student.Grain)).Parts[0].Runs);
        Assert.Null(await workbench.GetLatest());

        var result = await workbench.Run(Classroom.Part1(threshold: 0.65));
        Assert.Equal(1, result.RunNumber);
        Assert.Equal(result.RunId, (await workbench.GetLatest())!.RunId);
        var runs = (await Ledger(student)).Where(e => e.Kind == LedgerEntry.Run).ToList();
        Assert.Single(runs);
        Assert.Contains(result.RunId, runs[0].Detail, StringComparison.Ordinal);
        await ExpectNothingLost(student, await Ledger(student));
    }

    [Fact]
    public async Task A_workbench_stores_nothing_and_its_latest_run_comes_back_whole_after_every_activation_and_the_cache_are_gone()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        await student.LockPercent(30);
        var workbench = student.Workbench(1);
        // A workbench that tried to write would fail here: it must not need to.
        Storage.BreakNextWrites(1, StorageFault.Fails, "workbench");

        var first = await workbench.Run(Classroom.Part1(threshold: 0.75));
        var second = await workbench.Run(Classroom.Part1(threshold: 0.8));
        Assert.Equal(2, second.RunNumber);

        // Every idle activation goes, the cohort cache with them: the result is computed again, identically.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var latest = await workbench.GetLatest();

        Assert.NotNull(latest);
        Assert.Equal(second.RunId, latest.RunId);
        Assert.Equal(2, latest.RunNumber);
        Assert.Equal(second.Settings, latest.Settings);
        Assert.Equal(second.FromCache, latest.FromCache);
        Assert.Equal(second.ResultJson, latest.ResultJson);
        Assert.NotEqual(first.ResultJson, latest.ResultJson);
        Assert.Equal(2, (await Ledger(student)).Count(e => e.Kind == LedgerEntry.Run));
        Storage.Heal();
        await ExpectNothingLost(student, await Ledger(student));
    }

    [Fact]
    public async Task A_knee_whose_write_fails_is_not_submitted_and_can_be_submitted_again()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session, "Grace", "edge-guardian");
        await student.LockChoice(2, "fewer");
        await student.Workbench(2).Run(Classroom.Part2(batchSize: 35));
        var before = await Ledger(student);
        Storage.BreakNextWrites(1, StorageFault.TimesOut, "student");

        await ExpectNotSaved(() => student.Grain.SubmitKnee(300));

        Assert.Null((await student.Grain.GetView()).Parts[1].Knee);
        Assert.Null((await StoredState.Student(Storage, student.Grain)).Parts[1].Knee);
        Assert.Equal(before, await Ledger(student));

        var knee = await student.Grain.SubmitKnee(300);
        Assert.Equal(knee, (await StoredState.Student(Storage, student.Grain)).Parts[1].Knee);
        await ExpectNothingLost(student, before);
    }

    [Fact]
    public async Task A_reflection_whose_write_fails_leaves_neither_reflection_nor_score_and_succeeds_when_sent_again()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        await student.LockPercent(30);
        await student.Workbench(1).Run(Classroom.Part1(threshold: 0.7));
        var before = await Ledger(student);
        Storage.BreakNextWrites(1, StorageFault.Fails, "student");

        await ExpectNotSaved(() => student.Grain.Reflect(1, "Duplicates cost compute."));

        var part = (await student.Grain.GetView()).Parts[0];
        Assert.Null(part.Reflection);
        Assert.Null(part.Score);
        Assert.Equal(before, await Ledger(student));
        Assert.Null((await StoredState.Student(Storage, student.Grain)).Parts[0].Reflection);

        await student.Grain.Reflect(1, "Duplicates cost compute.");
        var entries = await Ledger(student);
        Assert.Single(entries, e => e.Kind == LedgerEntry.Reflection);
        Assert.Single(entries, e => e.Kind == LedgerEntry.Score);
        await ExpectNothingLost(student, before);
    }

    [Fact]
    public async Task A_failed_write_whose_read_back_also_fails_gives_up_the_activation_so_memory_never_runs_ahead_of_storage()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        Storage.BreakNextWrites(1, StorageFault.Fails, "student");
        Storage.BreakReads();

        await ExpectNotSaved(() => student.LockPercent(30));
        Storage.Heal();

        Assert.Null((await student.Grain.GetView()).Parts[0].Lock);
        await student.LockPercent(45);
        Assert.Equal(45, (await StoredState.Student(Storage, student.Grain)).Parts[0].Lock!.Prediction.Value);
    }

    [Fact]
    public async Task A_join_whose_student_or_roster_write_fails_adds_nobody_and_joining_again_adds_exactly_one()
    {
        var session = await Classroom.NewSession(Grains);

        Storage.BreakNextWrites(1, StorageFault.Fails, "student");
        await ExpectNotSaved(() => session.Join("Ada", "cloud-titan"));
        Assert.Empty(await session.GetStudentIds());

        Storage.BreakNextWrites(1, StorageFault.Fails, "session");
        await ExpectNotSaved(() => session.Join("Ada", "cloud-titan"));
        Assert.Empty(await session.GetStudentIds());

        Storage.Heal();
        var joined = await Classroom.Join(Grains, session);
        Assert.Equal(joined.Id, Assert.Single(await session.GetStudentIds()));
        Assert.Equal(joined.Id, Assert.Single((await StoredState.Session(Storage, session)).Roster).StudentId);
        Assert.Equal("Ada", (await joined.Grain.GetIdentity()).Name);
    }

    [Fact]
    public async Task Pacing_whose_write_fails_leaves_the_part_as_it_was_and_succeeds_when_sent_again()
    {
        var session = await Classroom.NewSession(Grains);
        Storage.BreakNextWrites(1, StorageFault.Fails, "session");

        await ExpectNotSaved(() => session.Pace(2, PacingAction.Close));

        Assert.True((await session.GetInfo()).Pacing[1].Open);
        Assert.True((await StoredState.Session(Storage, session)).Pacing[1].Open);

        var info = await session.Pace(2, PacingAction.Close);
        Assert.False(info.Pacing[1].Open);
        Assert.False((await StoredState.Session(Storage, session)).Pacing[1].Open);
    }

    [Fact]
    public async Task A_session_whose_creation_fails_to_save_does_not_exist_and_can_be_created_again()
    {
        var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        Storage.BreakNextWrites(1, StorageFault.Fails, "session");

        await ExpectNotSaved(() => session.Create("Seminar", Classroom.Hash(Classroom.InstructorKey)));

        var missing = await Assert.ThrowsAsync<LabRuleException>(() => session.GetInfo());
        Assert.Equal(LabRule.NotFound, missing.Rule);
        Assert.Equal("Seminar", (await session.Create("Seminar", Classroom.Hash(Classroom.InstructorKey))).Title);
        Assert.True((await StoredState.Session(Storage, session)).Created);
    }

    /// <summary>The Ledger as a list: ImmutableArray's own equality compares array references, not entries.</summary>
    private static async Task<List<LedgerEntry>> Ledger(Classroom.Student student) => [.. (await student.Grain.GetLedger()).Entries];

    private static async Task ExpectNotSaved(Func<Task> step)
    {
        var refused = await Assert.ThrowsAsync<LabRuleException>(step);
        Assert.Equal(LabRule.NotSaved, refused.Rule);
    }

    private async Task ExpectNothingLost(Classroom.Student student, IEnumerable<LedgerEntry> acknowledged)
    {
        var lost = await StoredState.CheckLedger(Storage, Grains, student.Grain, acknowledged);
        SecurityFigures.Record(SecurityFigures.AcknowledgedWritesLost, lost, "grain storage");
        Assert.Equal(0, lost);
    }
}
