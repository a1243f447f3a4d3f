using System.Runtime;
using DataSelection.Client.Load;

namespace DataSelection.Client.Tests.Load;

/// <summary>A no-GC region is process-wide: these tests run alone, after the rest of the assembly's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "process-wide garbage collection";
}

[Collection(ProcessWideCollection.Name)]
public sealed class CollectionHoldTests
{
    [Fact]
    public void While_held_allocating_within_the_budget_collects_nothing_and_disposing_lets_collections_resume()
    {
        int collectionsBefore;
        using (var hold = CollectionHold.Start(largestBudgetMb: 256))
        {
            Assert.Equal(256, hold.BudgetMb);
            Assert.True(hold.Holding);
            collectionsBefore = GC.CollectionCount(0);

            var kept = Allocate(megabytes: 32);

            Assert.Equal(collectionsBefore, GC.CollectionCount(0));
            Assert.True(hold.Holding);
            GC.KeepAlive(kept);
        }

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        GC.Collect(0);
        Assert.True(GC.CollectionCount(0) > collectionsBefore);
    }

    [Fact]
    public void Allocating_past_the_budget_ends_the_hold_and_says_so()
    {
        using var hold = CollectionHold.Start(largestBudgetMb: 64);
        Assert.True(hold.Holding);

        for (var i = 0; i < 8 && hold.Holding; i++)
        {
            GC.KeepAlive(Allocate(megabytes: 32));
        }

        Assert.False(hold.Holding);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void The_generator_report_says_whether_its_collections_were_held_off_for_the_whole_run()
    {
        GeneratorReport held;
        using (var usage = new GeneratorUsage(holdCollections: true))
        {
            GC.KeepAlive(Allocate(megabytes: 8));
            held = usage.Report();
        }
        GeneratorReport normal;
        using (var usage = new GeneratorUsage(holdCollections: false))
        {
            normal = usage.Report();
        }

        Assert.True(held.GcHoldMb > 0);
        Assert.True(held.GcHeld);
        Assert.Equal(0, held.GcCount);
        Assert.Equal(0, normal.GcHoldMb);
        Assert.Null(normal.GcHeld);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    private static byte[][] Allocate(int megabytes)
    {
        // Small arrays, so the budget's small-object part is what they spend.
        var chunks = new byte[megabytes * 16][];
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = new byte[64 * 1024 - 64];
        }
        return chunks;
    }
}
