using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;

namespace DataSelection.Grains.Tests.Lab;

[Collection(ClusterCollection.Name)]
public class LabRulesTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static async Task<LabRule> RuleBroken(Func<Task> action) =>
        (await Assert.ThrowsAsync<LabRuleException>(action)).Rule;

    [Fact]
    public async Task A_new_session_opens_all_three_parts()
    {
        var session = await Classroom.NewSession(Grains);

        var info = await session.GetInfo();

        Assert.All(info.Pacing, p => Assert.True(p.Open));
        Assert.All(info.Pacing, p => Assert.False(p.Revealed));
    }

    [Fact]
    public async Task A_session_code_cannot_be_created_twice()
    {
        var session = await Classroom.NewSession(Grains);

        Assert.Equal(LabRule.AlreadyExists, await RuleBroken(() => session.Create("again", Classroom.Hash("other"))));
        Assert.True(await session.IsInstructorKey(Classroom.Hash(Classroom.InstructorKey)));
        Assert.False(await session.IsInstructorKey(Classroom.Hash("other")));
    }

    [Fact]
    public async Task Joining_a_session_that_was_never_created_is_not_found()
    {
        var session = Grains.GetGrain<ISessionGrain>("NOSUCHCODE");

        Assert.Equal(LabRule.NotFound, await RuleBroken(() => session.Join("Ada", "cloud-titan")));
    }

    [Fact]
    public async Task Lock_cannot_be_changed_after_it_is_committed()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);

        var first = await student.LockPercent(30);
        var rule = await RuleBroken(() => student.LockPercent(60));

        Assert.Equal(LabRule.AlreadyLocked, rule);
        var view = await student.Grain.GetView();
        Assert.Equal(first, view.Parts[0].Lock);
        Assert.Equal(30, view.Parts[0].Lock!.Prediction.Value);
        var ledger = await student.Grain.GetLedger();
        Assert.Single(ledger.Entries, e => e.Kind == LedgerEntry.Lock);
    }

    [Fact]
    public async Task The_workbench_stays_closed_until_the_part_is_locked()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);

        Assert.Equal(LabRule.LockRequired, await RuleBroken(() => student.Workbench(3).Run(Classroom.Part3())));

        await student.LockChoice(3, "degrades");
        var result = await student.Workbench(3).Run(Classroom.Part3());
        Assert.Equal(1, result.RunNumber);
    }

    [Fact]
    public async Task A_closed_part_refuses_locks_and_runs_until_reopened()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        await student.LockChoice(3, "improves");

        await session.Pace(3, PacingAction.Close);
        await session.Pace(2, PacingAction.Close);

        Assert.Equal(LabRule.PartClosed, await RuleBroken(() => student.Workbench(3).Run(Classroom.Part3())));
        Assert.Equal(LabRule.PartClosed, await RuleBroken(() => student.LockChoice(2, "fewer")));
        var view = await student.Grain.GetView();
        Assert.Equal(PartStatus.Closed, view.Parts[2].Status);
        Assert.Null(view.Parts[1].Lock);
        Assert.Equal(0, view.Parts[2].Runs);

        await session.Pace(3, PacingAction.Open);
        var result = await student.Workbench(3).Run(Classroom.Part3());
        Assert.Equal(1, result.RunNumber);
    }

    [Fact]
    public async Task A_reflection_needs_at_least_one_run()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        await student.LockChoice(3, "degrades");

        Assert.Equal(LabRule.RunRequired, await RuleBroken(() => student.Grain.Reflect(3, "Quality beat quantity on rain.")));

        await student.Workbench(3).Run(Classroom.Part3());
        var reflection = await student.Grain.Reflect(3, "Quality beat quantity on rain.");
        var view = await student.Grain.GetView();
        Assert.Equal(PartStatus.Reflected, view.Parts[2].Status);
        Assert.Equal(reflection, view.Parts[2].Reflection);
    }

    [Fact]
    public async Task A_finished_part_scores_the_lock_against_the_measured_outcome()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session, track: "tiny-pioneer");
        await student.LockChoice(3, "degrades");
        await student.Workbench(3).Run(Classroom.Part3());

        await student.Grain.Reflect(3, "Synthetic rain is wrong, so safety degrades.");

        var score = (await student.Grain.GetView()).Parts[2].Score;
        Assert.NotNull(score);
        Assert.Equal("tiny-pioneer", score.Measured.Track);
        Assert.Equal(score.Measured.Choice == "degrades" ? 100 : 0, score.Score);
        Assert.Contains((await student.Grain.GetLedger()).Entries, e => e.Kind == LedgerEntry.Score && e.Part == 3);
    }

    [Fact]
    public async Task Part_two_allows_ten_counted_runs_then_asks_for_the_knee()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session, track: "edge-guardian");
        await student.LockChoice(2, "fewer");

        for (var run = 1; run <= 10; run++)
        {
            var result = await student.Workbench(2).Run(Classroom.Part2());
            Assert.Equal(run, result.RunNumber);
            Assert.Equal(10 - run, result.CountedRunsLeft);
        }

        Assert.Equal(LabRule.RunLimitReached, await RuleBroken(() => student.Workbench(2).Run(Classroom.Part2())));
        var view = await student.Grain.GetView();
        Assert.Equal(10, view.Parts[1].Runs);
        Assert.Equal(0, view.Parts[1].CountedRunsLeft);
    }

    [Fact]
    public async Task The_knee_is_scored_against_the_measured_knee_once()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session, track: "edge-guardian");
        await student.LockChoice(2, "fewer");
        var run = await student.Workbench(2).Run(Classroom.Part2());
        var measured = (int)run.Summary.Metrics["kneeLabels"];

        var exact = await student.Grain.SubmitKnee(measured);

        Assert.Equal(measured, exact.MeasuredKnee);
        Assert.Equal(100, exact.Score);
        Assert.Equal(LabRule.AlreadySubmitted, await RuleBroken(() => student.Grain.SubmitKnee(measured + 500)));
    }

    [Fact]
    public async Task A_far_off_knee_scores_nothing()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session, track: "edge-guardian");
        await student.LockChoice(2, "more");
        var run = await student.Workbench(2).Run(Classroom.Part2(batchSize: 25));
        var measured = (int)run.Summary.Metrics["kneeLabels"];

        var far = await student.Grain.SubmitKnee(measured > 1_000 ? 1 : measured + 25 * 10);

        Assert.Equal(0, far.Score);
    }

    [Fact]
    public async Task Nothing_is_recorded_for_a_student_who_never_joined()
    {
        var session = await Classroom.NewSession(Grains);
        var ghost = new Classroom.Student(Grains, session.GetPrimaryKeyString(), "ghost");

        Assert.Equal(LabRule.NotFound, await RuleBroken(() => ghost.LockPercent(10)));
        Assert.Equal(LabRule.NotFound, await RuleBroken(() => ghost.Grain.GetLedger()));
    }
}
