using System.Collections.Concurrent;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;

namespace DataSelection.Grains.Tests.Lab;

[Collection(ClusterCollection.Name)]
public class WorkbenchTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Students_on_the_same_setting_share_one_computation_and_one_answer()
    {
        var session = await Classroom.NewSession(Grains);
        var first = await Classroom.Join(Grains, session, "Ada", "mobile-nomad");
        var second = await Classroom.Join(Grains, session, "Grace", "mobile-nomad");
        await first.LockChoice(3, "degrades");
        await second.LockChoice(3, "improves");
        var settings = Classroom.Part3(mix: 0.45);

        var computed = await first.Workbench(3).Run(settings);
        var shared = await second.Workbench(3).Run(settings);

        Assert.False(computed.FromCache);
        Assert.True(shared.FromCache);
        Assert.Equal(computed.ResultJson, shared.ResultJson);
        Assert.NotEqual(computed.RunId, shared.RunId);
    }

    [Fact]
    public async Task Different_tracks_do_not_share_results()
    {
        var session = await Classroom.NewSession(Grains);
        var titan = await Classroom.Join(Grains, session, "Ada", "cloud-titan");
        var pioneer = await Classroom.Join(Grains, session, "Grace", "tiny-pioneer");
        await titan.LockChoice(3, "degrades");
        await pioneer.LockChoice(3, "degrades");

        var a = await titan.Workbench(3).Run(Classroom.Part3(mix: 0.55));
        var b = await pioneer.Workbench(3).Run(Classroom.Part3(mix: 0.55));

        Assert.False(b.FromCache);
        Assert.NotEqual(a.ResultJson, b.ResultJson);
    }

    [Fact]
    public async Task Progress_and_the_result_are_pushed_to_the_students_observer_with_gapless_sequence_numbers()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session, "Ada", "edge-guardian");
        var observer = new RecordingObserver();
        var reference = Grains.CreateObjectReference<IStudentObserver>(observer);
        await student.Grain.Subscribe(reference);
        await student.LockChoice(2, "fewer");

        var result = await student.Workbench(2).Run(Classroom.Part2(batchSize: 40));
        var resultEvent = await observer.WaitFor(e => e.Kind == StudentEvent.RunResult && e.RunId == result.RunId);

        // Delivery order is not guaranteed across the network; what a page needs is that the numbers
        // are unique and contiguous, so a missing one shows as a gap (the gateway reorders). Every
        // event numbered before the result must arrive.
        var first = observer.Events.Min(e => e.Sequence);
        await observer.WaitUntil(events => events.Count(e => e.Sequence <= resultEvent.Sequence) == resultEvent.Sequence - first + 1);
        var sequences = observer.Events.Select(e => e.Sequence).Where(s => s <= resultEvent.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => first + i), sequences);
        var events = observer.Events.Where(e => e.RunId == result.RunId).ToList();
        Assert.Contains(events, e => e.Kind == StudentEvent.RunProgress && e.Json is not null);
        Assert.Equal(result.ResultJson, resultEvent.Json);
    }

    private sealed class RecordingObserver : IStudentObserver
    {
        private readonly ConcurrentQueue<StudentEvent> _events = new();

        public IReadOnlyList<StudentEvent> Events => [.. _events];

        public Task OnStudentEvent(StudentEvent studentEvent)
        {
            _events.Enqueue(studentEvent);
            return Task.CompletedTask;
        }

        public Task WaitUntil(Func<IReadOnlyList<StudentEvent>, bool> condition) => Eventually.True(() => condition(Events));

        public Task<StudentEvent> WaitFor(Func<StudentEvent, bool> match) => Eventually.Arrives(_events, match);
    }
}
