using System.Text.Json;

namespace DataSelection.Client.Tests.Commands;

public class SimulateCommandTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [InlineData("dedup", "icr")]
    [InlineData("active-learning", "knee")]
    [InlineData("domain-gap", "sweep")]
    [InlineData("quality", "at_target")]
    public async Task Each_lab_simulation_runs_headless_for_a_track(string simulation, string field)
    {
        var run = await CliRun.Of("simulate", simulation, "--track", "tiny-pioneer");

        Assert.Equal(0, run.ExitCode);
        Assert.True(Json(run.Out).TryGetProperty(field, out _), $"{simulation} output lacks {field}");
        Assert.StartsWith("Tiny Pioneer:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_track_parameters_and_seed_give_identical_results()
    {
        var first = await CliRun.Of("simulate", "domain-gap", "--track", "edge-guardian", "--mix", "0.3", "--seed", "9");
        var second = await CliRun.Of("simulate", "domain-gap", "--track", "edge-guardian", "--mix", "0.3", "--seed", "9");

        Assert.Equal(first.Out, second.Out);
        Assert.Equal(0.3, Json(first.Out).GetProperty("run").GetProperty("mix_ratio").GetDouble());
    }

    [Fact]
    public async Task Dedup_simulation_removes_about_half_of_cloud_titans_corpus()
    {
        var run = await CliRun.Of("simulate", "dedup", "--track", "cloud-titan");

        var result = Json(run.Out);
        Assert.InRange(result.GetProperty("dedup").GetProperty("removed_fraction").GetDouble(), 0.4, 0.55);
        // Deduplication must not lower the information-compute ratio on a redundant corpus.
        Assert.True(result.GetProperty("icr").GetProperty("measured_icr_gain").GetDouble() >= 1.0);
    }

    [Theory]
    [InlineData("--track", "moon-base")]
    [InlineData("--mix", "1.5")]
    [InlineData("--intensity", "NaN")]
    public async Task Bad_options_are_refused(string option, string value)
    {
        var args = option == "--track"
            ? new[] { "simulate", "domain-gap", option, value }
            : ["simulate", "domain-gap", "--track", "cloud-titan", option, value];

        var run = await CliRun.Of(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        foreach (var command in new[] { "dedup", "active-learning", "fid", "corpus", "simulate" })
        {
            var run = await CliRun.Of(command, "--help");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        }
    }
}
