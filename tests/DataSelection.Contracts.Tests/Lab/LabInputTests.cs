using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Contracts.Tests.Lab;

public class LabInputTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Missing_parameters_take_the_tracks_defaults()
    {
        var settings = LabInput.Settings(1, TrackCatalog.CloudTitan, null);

        Assert.True(settings.IsValid);
        Assert.Equal(new DedupSettings(TrackCatalog.CloudTitan.Dedup.Threshold, TrackCatalog.CloudTitan.Dedup.NumPerm, TrackCatalog.CloudTitan.Dedup.Ngram),
            settings.Value);
    }

    [Fact]
    public void Given_parameters_override_only_themselves()
    {
        var settings = LabInput.Settings(2, TrackCatalog.EdgeGuardian, Json("""{"batchSize": 25, "strategy": "entropy"}"""));

        Assert.Equal(new ActiveLearningSettings("entropy", 25, TrackCatalog.EdgeGuardian.ActiveLearning.Budget), settings.Value);
    }

    [Theory]
    [InlineData(1, """{"threshold": 0.2}""", "threshold must be between 0.5 and 0.95")]
    [InlineData(1, """{"threshold": "high"}""", "threshold must be a number")]
    [InlineData(1, """{"numPerm": 64.5}""", "numPerm must be a whole number")]
    [InlineData(1, """{"ngram": 99}""", "ngram must be between 1 and 9")]
    [InlineData(1, """{"bands": 4}""", "unknown parameter 'bands'")]
    [InlineData(2, """{"strategy": "psychic"}""", "strategy must be one of")]
    [InlineData(2, """{"batchSize": 1e308}""", "batchSize must be between")]
    [InlineData(3, """{"mix": -0.1}""", "mix must be between 0 and 1")]
    [InlineData(3, """[1, 2]""", "parameters must be an object")]
    public void Bad_parameters_are_refused_with_a_reason(int part, string json, string reason)
    {
        var settings = LabInput.Settings(part, TrackCatalog.TinyPioneer, Json(json));

        Assert.False(settings.IsValid);
        Assert.Contains(reason, settings.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_outside_one_to_three_is_refused()
    {
        Assert.False(LabInput.Settings(4, TrackCatalog.TinyPioneer, null).IsValid);
        Assert.False(LabInput.Part(0).IsValid);
    }

    [Theory]
    [InlineData(1, """{"value": 30}""", 30.0, null)]
    [InlineData(2, """{"choice": "fewer"}""", null, "fewer")]
    [InlineData(3, """{"choice": "degrades"}""", null, "degrades")]
    public void Valid_predictions_are_accepted(int part, string json, double? value, string? choice)
    {
        var prediction = LabInput.Prediction(part, Json(json));

        Assert.True(prediction.IsValid, prediction.Error);
        Assert.Equal(new Prediction(value, choice), prediction.Value);
    }

    [Theory]
    [InlineData(1, """{"value": 101}""")]
    [InlineData(1, """{"value": -1}""")]
    [InlineData(1, """{"value": "30"}""")]
    [InlineData(1, """{"choice": "fewer"}""")]
    [InlineData(2, """{"choice": "maybe"}""")]
    [InlineData(2, """{"choice": "fewer", "extra": 1}""")]
    [InlineData(3, """{"value": 10}""")]
    [InlineData(3, """ "degrades" """)]
    public void Invalid_predictions_are_refused(int part, string json)
    {
        var prediction = LabInput.Prediction(part, Json(json));

        Assert.False(prediction.IsValid);
        Assert.NotNull(prediction.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007")]
    public void Names_must_be_one_clean_line(string name) => Assert.False(LabInput.Name(name).IsValid);

    [Fact]
    public void Names_are_trimmed_and_kept_as_text()
    {
        var name = LabInput.Name("  <script>alert(1)</script>  ");

        Assert.True(name.IsValid);
        Assert.Equal("<script>alert(1)</script>", name.Value);
    }

    [Fact]
    public void Huge_names_and_reflections_are_refused()
    {
        Assert.False(LabInput.Name(new string('x', LabCatalog.MaxNameLength + 1)).IsValid);
        Assert.False(LabInput.Reflection(new string('x', LabCatalog.MaxReflectionLength + 1)).IsValid);
        Assert.False(LabInput.Title(new string('x', 1_000_000)).IsValid);
    }

    [Fact]
    public void Reflections_keep_their_lines_but_need_substance()
    {
        Assert.False(LabInput.Reflection("too short").IsValid);
        var reflection = LabInput.Reflection("Duplicates cost FLOPs\nbut teach nothing new.");
        Assert.True(reflection.IsValid);
        Assert.Contains('\n', reflection.Value!);
    }

    [Theory]
    [InlineData("120", true)]
    [InlineData("0", false)]
    [InlineData("12.5", false)]
    [InlineData("99999", false)]
    [InlineData("\"120\"", false)]
    public void Knee_submissions_are_whole_label_counts_within_the_budget_range(string json, bool valid) =>
        Assert.Equal(valid, LabInput.Knee(Json(json)).IsValid);

    [Fact]
    public void Every_catalog_track_has_a_simulation_scenario()
    {
        Assert.Equal(TrackCatalog.All.Select(t => t.Id), LabCatalog.Tracks.Select(t => t.Id));
        Assert.All(LabCatalog.Tracks, t => Assert.Equal(LabCatalog.PartCount, t.PartStories.Count));
    }

    [Fact]
    public void Every_default_lies_within_its_parameters_range()
    {
        foreach (var track in TrackCatalog.All)
        {
            for (var part = 1; part <= LabCatalog.PartCount; part++)
            {
                var defaults = JsonSerializer.SerializeToElement(WorkbenchSettings.DefaultsFor(part, track), WorkbenchSettings.DefaultsFor(part, track).GetType(),
                    WebJson);
                var properties = defaults.EnumerateObject().Where(p => p.Name != "part").ToDictionary(p => p.Name, p => p.Value);
                var roundTrip = LabInput.Settings(part, track, JsonSerializer.SerializeToElement(properties));
                Assert.True(roundTrip.IsValid, $"{track.Id} part {part}: {roundTrip.Error}");
                Assert.Equal(WorkbenchSettings.DefaultsFor(part, track), roundTrip.Value);
            }
        }
    }

    [Fact]
    public void Settings_cache_keys_differ_when_any_value_differs()
    {
        var a = new SimulationRequest("cloud-titan", new DedupSettings(0.8, 128, 5), 1).CacheKey();
        Assert.Equal(a, new SimulationRequest("cloud-titan", new DedupSettings(0.8, 128, 5), 1).CacheKey());
        Assert.NotEqual(a, new SimulationRequest("cloud-titan", new DedupSettings(0.85, 128, 5), 1).CacheKey());
        Assert.NotEqual(a, new SimulationRequest("tiny-pioneer", new DedupSettings(0.8, 128, 5), 1).CacheKey());
        Assert.NotEqual(a, new SimulationRequest("cloud-titan", new DedupSettings(0.8, 128, 5), 2).CacheKey());
    }
}
