using System.Diagnostics.Metrics;
using DataSelection.Contracts.Lab;
using DataSelection.Grains.Tests.Lab;

namespace DataSelection.Grains.Tests.Faults;

/// <summary>
/// A slider position several students reach while it is still being computed costs one simulation:
/// the later students wait for the first one's computation, and it stops only when nobody waits.
/// Uses the fault fixture's engine to hold a computation midway, so the joins are certain.
/// </summary>
[Collection(FaultClusterCollection.Name)]
public sealed class CohortCacheTests(FaultClusterFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Students_asking_for_a_setting_being_computed_join_that_computation_and_all_get_its_result()
    {
        var session = await Classroom.NewSession(Grains);
        var students = new List<Classroom.Student>();
        for (var i = 0; i < 3; i++)
        {
            var student = await Classroom.Join(Grains, session, $"S{i}");
            await student.LockPercent(30);
            students.Add(student);
        }
        var settings = Classroom.Part1(threshold: 0.81);
        using var joins = new JoinCounter();
        var held = fixture.Engine.HoldNextRun();
        var startedBefore = fixture.Engine.Started;

        var first = students[0].Workbench(1).Run(settings);
        await held.Entered.WaitAsync(Bound);
        var others = students.Skip(1).Select(s => s.Workbench(1).Run(settings)).ToList();
        await Eventually.True(() => joins.Count >= 2);
        held.Release();
        var results = await Task.WhenAll(others.Prepend(first)).WaitAsync(Bound);

        Assert.Equal(1, fixture.Engine.Started - startedBefore);
        Assert.All(results, r => Assert.Equal(results[0].ResultJson, r.ResultJson));
        Assert.All(results, r => Assert.False(r.FromCache));
        Assert.All(results, r => Assert.Equal(1, r.RunNumber));
    }

    [Fact]
    public async Task A_computation_another_student_waits_for_keeps_going_when_its_starter_moves_on()
    {
        var session = await Classroom.NewSession(Grains);
        var starter = await Classroom.Join(Grains, session, "Starter");
        var waiter = await Classroom.Join(Grains, session, "Waiter");
        await starter.LockPercent(30);
        await waiter.LockPercent(30);
        var settings = Classroom.Part1(threshold: 0.83);
        using var joins = new JoinCounter();
        var held = fixture.Engine.HoldNextRun();

        var superseded = starter.Workbench(1).Run(settings);
        await held.Entered.WaitAsync(Bound);
        var waiting = waiter.Workbench(1).Run(settings);
        await Eventually.True(() => joins.Count >= 1);
        var newer = starter.Workbench(1).Run(Classroom.Part1(threshold: 0.84));

        var refusal = await Assert.ThrowsAsync<LabRuleException>(() => superseded.WaitAsync(Bound));
        Assert.Equal(LabRule.Superseded, refusal.Rule);
        Assert.False(held.Left.IsCompleted, "the computation was stopped although a student still waited for it");
        held.Release();
        var result = await waiting.WaitAsync(Bound);
        Assert.Equal(1, result.RunNumber);
        Assert.Equal(1, (await newer.WaitAsync(Bound)).RunNumber);
    }

    /// <summary>Counts <c>dataselection.cache.joins</c> as the silo (in this process) records them.</summary>
    private sealed class JoinCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public JoinCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "dataselection.cache.joins")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
