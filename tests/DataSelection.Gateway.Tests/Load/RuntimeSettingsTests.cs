using System.Text.Json;

namespace DataSelection.Gateway.Tests.Load;

/// <summary>
/// The runtime settings the gateway ships with, read from the runtimeconfig.json its build writes (docs/BENCHMARKS.md
/// has the classes that chose them): a later project edit that drops one changes how a class is served.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_gateway_runs_without_dynamic_PGO_on_workstation_GC_collecting_concurrently()
    {
        var settings = ConfigProperties("DataSelection.Gateway.runtimeconfig.json");

        Assert.False(settings.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.False(settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(settings.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(4 * 1024 * 1024, settings.GetProperty("System.GC.LOHThreshold").GetInt32());
    }

    private static JsonElement ConfigProperties(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
