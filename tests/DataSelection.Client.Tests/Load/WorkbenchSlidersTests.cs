using System.Text.Json;
using DataSelection.Client.Load;

namespace DataSelection.Client.Tests.Load;

public class WorkbenchSlidersTests
{
    private static readonly CatalogPart Part = new(2, null!, [
        new CatalogControl("strategy", "choice", null, null, null, ["margin", "entropy"], false),
        new CatalogControl("batchSize", "integer", 5, 250, 5, null, false),
        new CatalogControl("budget", "integer", 100, 2_000, 50, null, false),
    ], 10);

    private static readonly JsonElement Defaults = JsonDocument.Parse("""{"strategy":"margin","batchSize":50,"budget":1000}""").RootElement;

    [Fact]
    public void Near_fresh_values_fall_between_the_grid_positions_of_the_default_and_never_on_them()
    {
        var fresh = FourHundredRuns(1.0, FreshRange.Near);

        var batches = fresh.Select(f => f.GetProperty("batchSize").GetInt32()).ToList();
        var budgets = fresh.Select(f => f.GetProperty("budget").GetInt32()).ToList();
        // One control changes per fresh run; the other stays on the default.
        Assert.All(fresh, f => Assert.True(f.GetProperty("batchSize").GetInt32() == 50 || f.GetProperty("budget").GetInt32() == 1000));
        Assert.All(batches.Where(b => b != 50), b => Assert.InRange(b, 40, 60));
        Assert.All(budgets.Where(b => b != 1000), b => Assert.InRange(b, 900, 1100));
        Assert.DoesNotContain(batches, b => b is 40 or 45 or 55 or 60);
        Assert.DoesNotContain(budgets, b => b is 900 or 950 or 1050 or 1100);
        Assert.True(budgets.Distinct().Count() > 50, "near values should spread over the span");
    }

    [Fact]
    public void Anywhere_fresh_values_cover_the_whole_range()
    {
        var budgets = FourHundredRuns(1.0, FreshRange.Anywhere).Select(f => f.GetProperty("budget").GetInt32()).Where(b => b != 1000).ToList();

        Assert.Contains(budgets, b => b < 500);
        Assert.Contains(budgets, b => b > 1_600);
    }

    [Fact]
    public void Without_fresh_runs_every_setting_is_on_the_grid_around_the_default()
    {
        var settings = FourHundredRuns(0.0, FreshRange.Near);

        Assert.All(settings, s => Assert.Contains(s.GetProperty("batchSize").GetInt32(), new[] { 40, 45, 50, 55, 60 }));
        Assert.All(settings, s => Assert.Contains(s.GetProperty("budget").GetInt32(), new[] { 900, 950, 1000, 1050, 1100 }));
    }

    /// <summary>One student's settings over 400 runs from the defaults, a fixed random stream.</summary>
    private static List<JsonElement> FourHundredRuns(double freshShare, FreshRange range)
    {
        var sliders = new WorkbenchSliders(Part, Defaults);
        var random = new Random(7);
        var position = sliders.Start();
        return [.. Enumerable.Range(0, 400).Select(_ => sliders.Next(position, freshShare, range, random))];
    }
}
