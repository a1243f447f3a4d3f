using System.Collections.Concurrent;
using DataSelection.Contracts.Sessions;

namespace DataSelection.Grains.Tests.Lab;

[Collection(ClusterCollection.Name)]
public class DashboardTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_dashboard_counts_joins_locks_and_predictions_per_part_and_track()
    {
        var session = await Classroom.NewSession(Grains);
        var a = await Classroom.Join(Grains, session, "Ada", "cloud-titan");
        var b = await Classroom.Join(Grains, session, "Grace", "cloud-titan");
        var c = await Classroom.Join(Grains, session, "Alan", "tiny-pioneer");
        await a.LockPercent(30);
        await b.LockPercent(35);
        await c.LockPercent(95);
        await c.LockChoice(2, "more");

        var dashboard = await session.GetDashboard();

        Assert.Equal(3, dashboard.Joined);
        Assert.Equal(3, dashboard.Progress[0].Locked);
        Assert.Equal(1, dashboard.Progress[1].Locked);
        var part1 = dashboard.Predictions[0].Buckets;
        Assert.Equal(2, part1.Single(x => x.Label == "30–40").Count);
        Assert.Equal(1, part1.Single(x => x.Label == "90–100").Count);
        Assert.Equal(3, part1.Sum(x => x.Count));
        Assert.Equal(1, dashboard.Predictions[1].Buckets.Single(x => x.Label == "more").Count);
        Assert.Equal(2, dashboard.Tracks.Single(t => t.Track == "cloud-titan").Students);
        Assert.Equal(1, dashboard.Tracks.Single(t => t.Track == "tiny-pioneer").Progress[1].Locked);
    }

    [Fact]
    public async Task Run_counts_take_the_students_own_count_so_a_count_the_session_lost_heals_and_a_late_report_cannot_lower_it()
    {
        var session = await Classroom.NewSession(Grains);
        var ada = await Classroom.Join(Grains, session, "Ada");
        var id = (await ada.Grain.GetIdentity()).StudentId;
        var at = DateTimeOffset.UtcNow;

        // The session never heard of runs 1–4 (say, lost in a crash); run 5 carries the student's own count.
        await session.Report(new StudentTransition(id, StudentTransition.Ran, 1, at, Outcome: 40, RunNumber: 5));
        Assert.Equal(5, Assert.Single((await session.GetRoster(1, 10)).Entries).Runs);

        await session.Report(new StudentTransition(id, StudentTransition.Ran, 1, at, Outcome: 41, RunNumber: 3));
        Assert.Equal(5, Assert.Single((await session.GetRoster(1, 10)).Entries).Runs);
        Assert.Equal(5, (await session.GetDashboard()).Progress[0].Runs);
    }

    [Fact]
    public async Task The_roster_is_paged()
    {
        var session = await Classroom.NewSession(Grains);
        for (var i = 0; i < 7; i++)
        {
            await Classroom.Join(Grains, session, $"Student {i}", "edge-guardian");
        }

        var page = await session.GetRoster(2, 3);

        Assert.Equal(7, page.Total);
        Assert.Equal(["Student 3", "Student 4", "Student 5"], page.Entries.Select(e => e.Name));
        Assert.All(page.Entries, e => Assert.Equal(["open", "open", "open"], e.PartStatuses.ToArray()));
    }

    [Fact]
    public async Task Instructors_observers_receive_coalesced_snapshots_with_rising_sequence_numbers()
    {
        var session = await Classroom.NewSession(Grains);
        var observer = new RecordingObserver();
        await session.Subscribe(Grains.CreateObjectReference<ISessionObserver>(observer));

        for (var i = 0; i < 20; i++)
        {
            await Classroom.Join(Grains, session, $"Student {i}", "mobile-nomad");
        }
        var last = await observer.WaitForSnapshot(s => s.Joined == 20);

        var sequences = observer.Snapshots.Select(s => s.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i), sequences);
        // Twenty joins, but pushes are coalesced on a timer: far fewer snapshots than changes.
        Assert.True(observer.Snapshots.Count < 20, $"{observer.Snapshots.Count} snapshots for 20 joins");
        Assert.Equal(last.Sequence, (await session.GetDashboard()).Sequence);
    }

    [Fact]
    public async Task Pacing_changes_reach_observers_at_once()
    {
        var session = await Classroom.NewSession(Grains);
        var observer = new RecordingObserver();
        await session.Subscribe(Grains.CreateObjectReference<ISessionObserver>(observer));

        await session.Pace(2, PacingAction.Reveal);

        var info = await observer.WaitForPacing(i => i.Pacing[1].Revealed);
        Assert.True(info.Pacing[1].Open);
    }

    private sealed class RecordingObserver : ISessionObserver
    {
        private readonly ConcurrentQueue<DashboardSnapshot> _snapshots = new();
        private readonly ConcurrentQueue<SessionInfo> _pacing = new();

        public IReadOnlyList<DashboardSnapshot> Snapshots => [.. _snapshots];

        public Task OnDashboard(DashboardSnapshot snapshot)
        {
            _snapshots.Enqueue(snapshot);
            return Task.CompletedTask;
        }

        public Task OnPacing(SessionInfo session)
        {
            _pacing.Enqueue(session);
            return Task.CompletedTask;
        }

        public Task<DashboardSnapshot> WaitForSnapshot(Func<DashboardSnapshot, bool> match) => Eventually.Arrives(_snapshots, match);

        public Task<SessionInfo> WaitForPacing(Func<SessionInfo, bool> match) => Eventually.Arrives(_pacing, match);
    }
}
