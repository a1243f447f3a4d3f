using System.Globalization;
using System.Text.Json;
using DataSelection.Contracts.Workbench;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Contracts.Lab;

/// <summary>
/// The one place user input is checked against the catalog: names, titles, reflections,
/// predictions, knee submissions and workbench parameters. Everything that passes is clean;
/// everything refused says why in words a student can act on.
/// </summary>
public static class LabInput
{
    public static Validated<string> Title(string? title) => SingleLine(title, "title", 1, LabCatalog.MaxTitleLength);

    public static Validated<string> Name(string? name) => SingleLine(name, "name", 1, LabCatalog.MaxNameLength);

    public static Validated<TrackProfile> Track(string? trackId) =>
        LabCatalog.FindTrack(trackId) is { } track
            ? Validated.Ok(track)
            : Validated.Refused<TrackProfile>($"track must be one of {string.Join(", ", LabCatalog.Tracks.Select(t => t.Id))}.");

    public static Validated<PartDefinition> Part(int part) =>
        LabCatalog.FindPart(part) is { } definition
            ? Validated.Ok(definition)
            : Validated.Refused<PartDefinition>($"part must be 1, 2 or 3; got {part}.");

    /// <summary>A reflection: several lines allowed, no other control characters, within the length limits.</summary>
    public static Validated<string> Reflection(string? text)
    {
        if (text is null)
        {
            return Validated.Refused<string>("text is required.");
        }
        var trimmed = text.Trim();
        if (trimmed.Length < LabCatalog.MinReflectionLength)
        {
            return Validated.Refused<string>($"text must be at least {LabCatalog.MinReflectionLength} characters; a reflection is a considered answer.");
        }
        if (trimmed.Length > LabCatalog.MaxReflectionLength)
        {
            return Validated.Refused<string>($"text must be at most {LabCatalog.MaxReflectionLength} characters; got {trimmed.Length}.");
        }
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            return Validated.Refused<string>("text must not contain control characters.");
        }
        return Validated.Ok(trimmed);
    }

    /// <summary>A lock's prediction: <c>{"value": percent}</c> for Part 1, <c>{"choice": "…"}</c> for Parts 2 and 3.</summary>
    public static Validated<Prediction> Prediction(int part, JsonElement prediction)
    {
        var definition = LabCatalog.FindPart(part);
        if (definition is null)
        {
            return Validated.Refused<Prediction>($"part must be 1, 2 or 3; got {part}.");
        }
        if (prediction.ValueKind != JsonValueKind.Object)
        {
            return Validated.Refused<Prediction>($"prediction must be an object like {definition.Prediction.Example}.");
        }
        var shape = definition.Prediction;
        var field = shape.Kind == PredictionShape.Percent ? "value" : "choice";
        foreach (var property in prediction.EnumerateObject())
        {
            if (property.Name != field)
            {
                return Validated.Refused<Prediction>($"unknown field '{property.Name}' in prediction; expected {shape.Example}.");
            }
        }
        if (!prediction.TryGetProperty(field, out var element))
        {
            return Validated.Refused<Prediction>($"prediction needs '{field}', like {shape.Example}.");
        }
        if (shape.Kind == PredictionShape.Percent)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                return Validated.Refused<Prediction>("prediction value must be a number.");
            }
            if (value < shape.Minimum || value > shape.Maximum)
            {
                return Validated.Refused<Prediction>(string.Create(CultureInfo.InvariantCulture,
                    $"prediction value must be between {shape.Minimum} and {shape.Maximum} (a percentage); got {value}."));
            }
            return Validated.Ok(new Prediction(value, null));
        }
        var choice = TextOf(element);
        if (choice is null || !shape.Choices!.Contains(choice, StringComparer.Ordinal))
        {
            return Validated.Refused<Prediction>($"prediction choice must be one of {string.Join(", ", shape.Choices!)}.");
        }
        return Validated.Ok(new Prediction(null, choice));
    }

    /// <summary>
    /// A run's parameters for <paramref name="part"/> on <paramref name="track"/>: fields left out
    /// take the track's defaults; unknown fields, wrong types and out-of-range values are refused.
    /// </summary>
    public static Validated<WorkbenchSettings> Settings(int part, TrackScenario track, JsonElement? parameters)
    {
        ArgumentNullException.ThrowIfNull(track);
        var definition = LabCatalog.FindPart(part);
        if (definition is null)
        {
            return Validated.Refused<WorkbenchSettings>($"part must be 1, 2 or 3; got {part}.");
        }
        var defaults = WorkbenchSettings.DefaultsFor(part, track);
        if (parameters is not { } given || given.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Validated.Ok(defaults);
        }
        if (given.ValueKind != JsonValueKind.Object)
        {
            return Validated.Refused<WorkbenchSettings>("parameters must be an object.");
        }
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in given.EnumerateObject())
        {
            var spec = definition.Parameters.FirstOrDefault(p => p.Name == property.Name);
            if (spec is null)
            {
                return Validated.Refused<WorkbenchSettings>(
                    $"unknown parameter '{property.Name}' for part {part}; expected {string.Join(", ", definition.Parameters.Select(p => p.Name))}.");
            }
            var error = Read(spec, property.Value, out var value);
            if (error is not null)
            {
                return Validated.Refused<WorkbenchSettings>(error);
            }
            values[spec.Name] = value!;
        }
        return Validated.Ok<WorkbenchSettings>(defaults switch
        {
            DedupSettings d => new DedupSettings(
                Get(values, "threshold", d.Threshold), Get(values, "numPerm", d.NumPerm), Get(values, "ngram", d.Ngram)),
            ActiveLearningSettings a => new ActiveLearningSettings(
                Get(values, "strategy", a.Strategy), Get(values, "batchSize", a.BatchSize), Get(values, "budget", a.Budget)),
            DomainGapSettings g => new DomainGapSettings(Get(values, "mix", g.Mix), Get(values, "intensity", g.Intensity)),
            _ => throw new InvalidOperationException($"No parser for {defaults.GetType().Name}."),
        });
    }

    /// <summary>A knee submission for Part 2: a label count within the budget's range.</summary>
    public static Validated<int> Knee(JsonElement value)
    {
        var budget = LabCatalog.Parts[1].Parameters.First(p => p.Name == "budget");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return Validated.Refused<int>("value must be a number of labels.");
        }
        if (number != Math.Floor(number) || number < 1 || number > budget.Maximum)
        {
            return Validated.Refused<int>(string.Create(CultureInfo.InvariantCulture,
                $"value must be a whole number of labels between 1 and {budget.Maximum}; got {number}."));
        }
        return Validated.Ok((int)number);
    }

    /// <summary>
    /// The string in <paramref name="element"/>, or null if it holds none: another kind of value, or
    /// an escaped lone surrogate (<c>"\uD800"</c>), which is valid JSON but not text and makes
    /// <see cref="JsonElement.GetString"/> throw.
    /// </summary>
    private static string? TextOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static T Get<T>(Dictionary<string, object> values, string name, T fallback) =>
        values.TryGetValue(name, out var value) ? (T)value : fallback;

    private static string? Read(ParameterSpec spec, JsonElement element, out object? value)
    {
        value = null;
        switch (spec.Kind)
        {
            case ParameterSpec.Choice:
                var text = TextOf(element);
                if (text is null || !spec.Choices!.Contains(text, StringComparer.Ordinal))
                {
                    return $"{spec.Name} must be one of {string.Join(", ", spec.Choices!)}.";
                }
                value = text;
                return null;
            default:
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    return $"{spec.Name} must be a number.";
                }
                if (number < spec.Minimum || number > spec.Maximum)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{spec.Name} must be between {spec.Minimum} and {spec.Maximum}; got {number}.");
                }
                if (spec.Kind == ParameterSpec.WholeNumber)
                {
                    if (number != Math.Floor(number))
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"{spec.Name} must be a whole number; got {number}.");
                    }
                    value = (int)number;
                    return null;
                }
                value = number;
                return null;
        }
    }

    private static Validated<string> SingleLine(string? text, string field, int minimum, int maximum)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length < minimum)
        {
            return Validated.Refused<string>($"{field} is required.");
        }
        if (trimmed.Length > maximum)
        {
            return Validated.Refused<string>($"{field} must be at most {maximum} characters; got {trimmed.Length}.");
        }
        if (trimmed.Any(char.IsControl))
        {
            return Validated.Refused<string>($"{field} must be a single line without control characters.");
        }
        return Validated.Ok(trimmed);
    }
}
