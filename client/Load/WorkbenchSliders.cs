using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataSelection.Client.Load;

/// <summary>
/// How a simulated student moves a part's sliders. Most runs walk a small grid around the track's
/// defaults (each run moves one everyday control one step), so the class keeps revisiting the same
/// settings and the cohort cache answers; a share of runs sets a control to a value nobody has
/// used (off the slider's steps), which the engine must compute. Whether a run really came from
/// the cache is what the server says, not what was intended here.
/// </summary>
public sealed class WorkbenchSliders
{
    /// <summary>Grid positions on each side of the default: five positions per control.</summary>
    private const int StepsAside = 2;

    private readonly CatalogControl[] _controls;
    private readonly object[][] _positions;
    private readonly int[] _freshCapable;
    private readonly Dictionary<int, JsonElement> _grid = [];
    private readonly int[] _defaults;

    public WorkbenchSliders(CatalogPart part, JsonElement defaults)
    {
        ArgumentNullException.ThrowIfNull(part);
        _controls = [.. part.Parameters.Where(c => !c.Advanced)];
        _positions = [.. _controls.Select(c => Positions(c, defaults.TryGetProperty(c.Name, out var value) ? value : default))];
        _freshCapable = [.. _controls.Select((c, i) => (c, i)).Where(x => x.c.Kind != "choice").Select(x => x.i)];
        _defaults = [.. _controls.Select((c, i) => Array.FindIndex(_positions[i], p => Equals(p, Default(c, defaults))) is var at and >= 0 ? at : 0)];
    }

    /// <summary>The settings a student starts from: the track's defaults (as grid positions).</summary>
    public int[] Start() => [.. _defaults];

    /// <summary>
    /// The next run's parameters as a JSON object (grid settings are built once and shared): either one control moved one grid step
    /// (<paramref name="position"/> is updated), or with probability <paramref name="freshShare"/>
    /// one control set to a never-used value in <paramref name="freshRange"/> (the position stays, so the next
    /// run returns to the grid).
    /// </summary>
    public JsonElement Next(int[] position, double freshShare, FreshRange freshRange, Random random)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(random);
        if (_controls.Length == 0)
        {
            return GridBody(position);
        }
        if (_freshCapable.Length > 0 && random.NextDouble() < freshShare)
        {
            var changed = _freshCapable[random.Next(_freshCapable.Length)];
            var values = position.Select((p, i) => _positions[i][p]).ToArray();
            var fresh = freshRange == FreshRange.Near ? FreshNear(_controls[changed], _positions[changed], random) : Fresh(_controls[changed], random);
            values[changed] = _controls[changed].Kind == "integer" ? (int)fresh : fresh;
            return Parse(Body(values));
        }
        var moved = random.Next(_controls.Length);
        var next = position[moved] + (random.Next(2) == 0 ? -1 : 1);
        position[moved] = next < 0 || next >= _positions[moved].Length ? position[moved] - (next - position[moved]) : next;
        return GridBody(position);
    }

    private JsonElement GridBody(int[] position)
    {
        var key = 0;
        for (var i = 0; i < position.Length; i++)
        {
            key = key * _positions[i].Length + position[i];
        }
        lock (_grid)
        {
            if (!_grid.TryGetValue(key, out var body))
            {
                body = Parse(Body([.. position.Select((p, i) => _positions[i][p])]));
                _grid[key] = body;
            }
            return body;
        }
    }

    private static JsonElement Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private byte[] Body(object[] values)
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < _controls.Length; i++)
        {
            text.Append(i == 0 ? "" : ",").Append('"').Append(_controls[i].Name).Append("\":")
                .Append(values[i] switch
                {
                    string choice => JsonSerializer.Serialize(choice),
                    double number => number.ToString("R", CultureInfo.InvariantCulture),
                    int whole => whole.ToString(CultureInfo.InvariantCulture),
                    var other => throw new InvalidOperationException($"Unexpected slider value {other}."),
                });
        }
        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    private static object? Default(CatalogControl control, JsonElement defaults) =>
        defaults.ValueKind == JsonValueKind.Object && defaults.TryGetProperty(control.Name, out var value) ? Value(control, value) : null;

    private static object? Value(CatalogControl control, JsonElement value) => control.Kind switch
    {
        "choice" when value.ValueKind == JsonValueKind.String => value.GetString(),
        "integer" when value.ValueKind == JsonValueKind.Number => value.GetInt32(),
        "number" when value.ValueKind == JsonValueKind.Number => value.GetDouble(),
        _ => null,
    };

    /// <summary>Choices as they are; numbers at the default and up to two slider steps either side, within the range.</summary>
    private static object[] Positions(CatalogControl control, JsonElement defaultValue)
    {
        if (control.Kind == "choice")
        {
            return [.. control.Choices ?? []];
        }
        var minimum = control.Minimum ?? 0;
        var maximum = control.Maximum ?? minimum;
        var step = control.Step is > 0 ? control.Step.Value : (maximum - minimum) / 10;
        var center = defaultValue.ValueKind == JsonValueKind.Number ? defaultValue.GetDouble() : (minimum + maximum) / 2;
        return [.. Enumerable.Range(-StepsAside, 2 * StepsAside + 1)
            .Select(k => Math.Round(center + k * step, 10))
            .Where(v => v >= minimum && v <= maximum)
            .Select(v => control.Kind == "integer" ? (object)(int)Math.Round(v) : v)];
    }

    /// <summary>
    /// A value nobody has used between the grid's lowest and highest positions (the default size): uniform,
    /// and for whole numbers moved off a grid position when it lands on one.
    /// </summary>
    private static double FreshNear(CatalogControl control, object[] positions, Random random)
    {
        var grid = positions.Select(Convert.ToDouble).ToArray();
        var (low, high) = (grid.Min(), grid.Max());
        if (control.Kind == "number")
        {
            return low + random.NextDouble() * (high - low);
        }
        var value = random.Next((int)low, (int)high + 1);
        return Array.IndexOf(grid, (double)value) < 0 || high - low < 2 ? value : value + (value < high ? 1 : -1);
    }

    /// <summary>A value nobody has used: uniform over the range, not on a slider step.</summary>
    private static double Fresh(CatalogControl control, Random random)
    {
        var minimum = control.Minimum ?? 0;
        var maximum = control.Maximum ?? minimum;
        return control.Kind switch
        {
            "number" => minimum + random.NextDouble() * (maximum - minimum),
            _ => random.Next((int)minimum, (int)maximum + 1),
        };
    }
}
