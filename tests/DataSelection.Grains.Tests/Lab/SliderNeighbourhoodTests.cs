using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Warmup;

namespace DataSelection.Grains.Tests.Lab;

public sealed class SliderNeighbourhoodTests
{
    [Fact]
    public void Two_steps_around_the_defaults_cover_every_everyday_control_once_with_the_defaults_first_among_them()
    {
        foreach (var track in LabCatalog.Tracks)
        {
            var scenario = LabCatalog.ScenarioFor(track.Id);
            foreach (var part in LabCatalog.Parts)
            {
                var settings = SliderNeighbourhood.Around(track.Id, part.Number, 2);
                Assert.Contains(WorkbenchSettings.DefaultsFor(part.Number, scenario), settings);
                Assert.Equal(settings.Count, settings.Select(s => s.CanonicalForm()).Distinct().Count());
                // At most five positions per number control, every choice of a choice control.
                var most = part.Parameters.Where(p => !p.Advanced).Aggregate(1, (n, p) => n * (p.Choices?.Count ?? 5));
                Assert.InRange(settings.Count, 2, most);
            }
        }
    }

    [Fact]
    public void Each_setting_has_the_cache_key_of_the_run_a_page_sends_for_the_same_slider_positions()
    {
        var scenario = LabCatalog.ScenarioFor("cloud-titan");
        var warmed = SliderNeighbourhood.Around("cloud-titan", 3, 2).Select(s => new SimulationRequest("cloud-titan", s, LabCatalog.LabSeed).CacheKey()).ToHashSet();
        var defaults = (DomainGapSettings)WorkbenchSettings.DefaultsFor(3, scenario);

        // What the page's range inputs send two steps (of 0.05) below both defaults: decimal text.
        var body = FormattableString.Invariant($$"""{"mix": {{decimal.Round((decimal)defaults.Mix - 0.1m, 2)}}, "intensity": {{decimal.Round((decimal)defaults.Intensity - 0.1m, 2)}}}""");
        using var page = JsonDocument.Parse(body);
        var sent = LabInput.Settings(3, scenario, page.RootElement).Value!;

        Assert.Contains(new SimulationRequest("cloud-titan", sent, LabCatalog.LabSeed).CacheKey(), warmed);
    }

    [Fact]
    public void No_steps_is_the_defaults_with_every_choice_of_a_choice_control()
    {
        var scenario = LabCatalog.ScenarioFor("tiny-pioneer");
        Assert.Equal([WorkbenchSettings.DefaultsFor(1, scenario)], SliderNeighbourhood.Around("tiny-pioneer", 1, 0));
        Assert.Equal([WorkbenchSettings.DefaultsFor(3, scenario)], SliderNeighbourhood.Around("tiny-pioneer", 3, 0));
        var defaults = (ActiveLearningSettings)WorkbenchSettings.DefaultsFor(2, scenario);
        Assert.Equal(
            new[] { "least-confidence", "margin", "entropy" }.Select(strategy => (WorkbenchSettings)(defaults with { Strategy = strategy })),
            SliderNeighbourhood.Around("tiny-pioneer", 2, 0));
    }
}
