using System.Globalization;
using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Warmup;

/// <summary>
/// The settings a class reaches first on a part's workbench: the track's defaults with every everyday
/// (not advanced) control at its default or up to a few slider steps either way, and
/// every choice of a choice control. Each is built from the same JSON a page would send and checked by
/// <see cref="LabInput.Settings"/>, so its cache key is exactly the one a student's run has.
/// </summary>
public static class SliderNeighbourhood
{
    public static IReadOnlyList<WorkbenchSettings> Around(string trackId, int part, int stepsAside)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepsAside);
        var definition = LabCatalog.FindPart(part) ?? throw new ArgumentOutOfRangeException(nameof(part), part, "Parts are 1, 2 and 3.");
        var scenario = LabCatalog.ScenarioFor(trackId);
        using var defaults = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes<object>(WorkbenchSettings.DefaultsFor(part, scenario), JsonSerializerOptions.Web));
        var controls = definition.Parameters.Where(p => !p.Advanced).ToArray();
        var positions = controls.Select(c => Positions(c, defaults.RootElement.TryGetProperty(c.Name, out var value) ? value : default, stepsAside)).ToArray();

        var settings = new List<WorkbenchSettings>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var combination in Combinations(positions))
        {
            var body = "{" + string.Join(",", controls.Select((c, i) => $"\"{c.Name}\":{combination[i]}")) + "}";
            using var parameters = JsonDocument.Parse(body);
            var validated = LabInput.Settings(part, scenario, parameters.RootElement);
            if (validated.IsValid && seen.Add(validated.Value!.CanonicalForm()))
            {
                settings.Add(validated.Value);
            }
        }
        return settings;
    }

    /// <summary>A control's values as JSON text: every choice, or the default and the steps around it within the range.</summary>
    private static string[] Positions(ParameterSpec control, JsonElement defaultValue, int stepsAside)
    {
        if (control.Kind == ParameterSpec.Choice)
        {
            return [.. (control.Choices ?? []).Select(c => JsonSerializer.Serialize(c))];
        }
        if (defaultValue.ValueKind != JsonValueKind.Number || control.Step is not > 0)
        {
            return [];
        }
        var center = defaultValue.GetDouble();
        var step = control.Step.Value;
        // Rounded as a page's slider reports its value (a decimal like 0.75, not 0.8 − 0.05 = 0.75000000000000011).
        return [.. Enumerable.Range(-stepsAside, 2 * stepsAside + 1)
            .Select(k => Math.Round(center + k * step, 10))
            .Where(v => v >= control.Minimum && v <= control.Maximum)
            .Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
    }

    private static IEnumerable<string[]> Combinations(string[][] positions)
    {
        if (positions.Any(p => p.Length == 0))
        {
            yield break;
        }
        var index = new int[positions.Length];
        while (true)
        {
            yield return [.. index.Select((at, i) => positions[i][at])];
            var digit = positions.Length - 1;
            while (digit >= 0 && ++index[digit] == positions[digit].Length)
            {
                index[digit--] = 0;
            }
            if (digit < 0)
            {
                yield break;
            }
        }
    }
}
