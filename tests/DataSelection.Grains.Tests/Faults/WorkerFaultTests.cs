using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Tests.Lab;
using DataSelection.Testing;

namespace DataSelection.Grains.Tests.Faults;

/// <summary>
/// Simulations that throw or are cancelled midway: the caller gets a clear answer, nothing is counted or cached
/// for the broken run, and the workbench takes the next run as if nothing happened.
/// </summary>
[Collection(FaultClusterCollection.Name)]
[Trait("Category", "Security")]
public sealed class WorkerFaultTests(FaultClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private IGrainFactory Grains => fixture.Grains;

    public void Dispose() =>
        SecurityFigures.Record(SecurityFigures.FaultsInjected, fixture.Engine.TakeInjected(), "simulation workers");

    [Fact]
    public async Task A_worker_that_throws_fails_the_run_as_run_failed_counts_and_caches_nothing_and_the_next_run_works()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        await student.LockPercent(30);
        var workbench = student.Workbench(1);
        var settings = Classroom.Part1(threshold: 0.85);
        var cache = Grains.GetGrain<ISimulationCacheGrain>(new SimulationRequest("cloud-titan", settings, LabCatalog.LabSeed).CacheKey());
        fixture.Engine.BreakNextRuns(1);

        var failed = await Assert.ThrowsAsync<LabRuleException>(() => workbench.Run(settings));

        Assert.Equal(LabRule.RunFailed, failed.Rule);
        Assert.Equal(0, (await student.Grain.GetView()).Parts[0].Runs);
        Assert.DoesNotContain((await student.Grain.GetLedger()).Entries, e => e.Kind == LedgerEntry.Run);
        Assert.Null(await workbench.GetLatest());
        Assert.Null(await cache.Lookup());

        var result = await workbench.Run(settings).WaitAsync(Bound);
        Assert.Equal(1, result.RunNumber);
        Assert.False(result.FromCache);
        Assert.Equal(result.ResultJson, (await cache.Lookup())!.ResultJson);
        Assert.Single((await student.Grain.GetLedger()).Entries, e => e.Kind == LedgerEntry.Run);
    }

    [Fact]
    public async Task A_run_cancelled_midway_by_a_newer_one_answers_superseded_records_and_caches_nothing_and_the_newer_counts_once()
    {
        var session = await Classroom.NewSession(Grains);
        var student = await Classroom.Join(Grains, session);
        await student.LockPercent(30);
        var workbench = student.Workbench(1);
        var olderSettings = Classroom.Part1(threshold: 0.9);
        var olderCache = Grains.GetGrain<ISimulationCacheGrain>(new SimulationRequest("cloud-titan", olderSettings, LabCatalog.LabSeed).CacheKey());
        var held = fixture.Engine.HoldNextRun();

        var older = workbench.Run(olderSettings);
        await held.Entered.WaitAsync(Bound);
        var newer = workbench.Run(Classroom.Part1(threshold: 0.95));

        var superseded = await Assert.ThrowsAsync<LabRuleException>(() => older.WaitAsync(Bound));
        Assert.Equal(LabRule.Superseded, superseded.Rule);
        // The held simulation itself stopped (cancellation reached the worker), not merely its caller.
        await held.Left.WaitAsync(Bound);
        var result = await newer.WaitAsync(Bound);

        Assert.Equal(1, result.RunNumber);
        var runs = (await student.Grain.GetLedger()).Entries.Where(e => e.Kind == LedgerEntry.Run).ToList();
        Assert.Contains(result.RunId, Assert.Single(runs).Detail, StringComparison.Ordinal);
        Assert.Equal(result.RunId, (await workbench.GetLatest())!.RunId);
        Assert.Null(await olderCache.Lookup());

        var again = await workbench.Run(olderSettings).WaitAsync(Bound);
        Assert.Equal(2, again.RunNumber);
    }
}
