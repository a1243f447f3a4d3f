using System.Globalization;
using System.Text;
using DataSelection.Contracts.Lab;

namespace DataSelection.Gateway.Tests.Fuzz;

/// <summary>
/// The shape of a request body, taken from the lab's catalog, so the fuzzer mutates the requests the
/// pages really send. <see cref="Valid"/> writes a body the API accepts; <see cref="Invalid"/> writes
/// one it must refuse (one thing broken: a field's value, an extra field, or the JSON itself).
/// </summary>
public abstract record BodyShape
{
    public abstract string Valid(HostileInput input);

    /// <summary>A value of this shape that the API must refuse. Never <c>null</c> where null means "defaults".</summary>
    public abstract string Invalid(HostileInput input);
}

/// <param name="Whole">Only whole numbers are allowed.</param>
public sealed record NumberShape(double Minimum, double Maximum, bool Whole) : BodyShape
{
    public override string Valid(HostileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var value = Minimum + (Maximum - Minimum) * input.Next(1_000) / 1_000.0;
        return (Whole ? Math.Floor(value) : value).ToString("R", CultureInfo.InvariantCulture);
    }

    public override string Invalid(HostileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (input.Next(4))
        {
            case 0:
                return input.NotANumber();
            case 1:
                return input.Pick(HostileInput.MalformedNumberTokens);
            case 2 when Whole:
                return (Minimum + 0.5).ToString("R", CultureInfo.InvariantCulture);
            default:
                while (true)
                {
                    var token = input.NumberToken();
                    if (IsRefused(token))
                    {
                        return token;
                    }
                }
        }
    }

    private bool IsRefused(string token)
    {
        var value = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        return !double.IsFinite(value) || value < Minimum || value > Maximum || (Whole && value != Math.Floor(value));
    }
}

public sealed record ChoiceShape(IReadOnlyList<string> Choices) : BodyShape
{
    public override string Valid(HostileInput input) => HostileInput.JsonString(input.Pick(Choices));

    public override string Invalid(HostileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var choice = input.Pick(Choices);
        var wrong = input.Next(7) switch
        {
            0 => choice.ToUpperInvariant(),
            1 => choice + " ",
            2 => " " + choice,
            3 => input.Poisoned(choice),
            4 => choice + "\u200B",
            5 => "",
            _ => input.OddText(),
        };
        return input.Chance(0.25) ? input.NotAString() : HostileInput.JsonString(wrong);
    }
}

/// <param name="MultiLine">Line breaks and tabs are allowed (reflections); single-line text (names, titles) refuses them.</param>
public sealed record TextShape(int MinimumLength, int MaximumLength, bool MultiLine) : BodyShape
{
    public override string Valid(HostileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.OddText();
        while (text.Trim().Length < MinimumLength)
        {
            text += " " + input.OddText();
        }
        return HostileInput.JsonString(text.Trim().Length > MaximumLength ? "Ada" : text);
    }

    public override string Invalid(HostileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var valid = System.Text.Json.JsonSerializer.Deserialize<string>(Valid(input))!;
        return input.Next(6) switch
        {
            0 => input.NotAString(),
            1 => HostileInput.JsonString(input.Poisoned(valid)),
            2 => HostileInput.JsonString(TooLong(input)),
            3 when MinimumLength > 1 => HostileInput.JsonString(new string(' ', input.Next(50)) + input.Letters(MinimumLength - 1) + new string('\n', input.Next(3))),
            3 => HostileInput.JsonString(input.Pick(["", " ", "\u3000", "\t\n"])),
            4 when !MultiLine => HostileInput.JsonString("x" + input.Pick(["\n", "\r", "\t", "\r\n"]) + valid),
            _ => HostileInput.JsonString(input.Poisoned(input.Poisoned(valid))),
        };
    }

    private string TooLong(HostileInput input)
    {
        var builder = new StringBuilder();
        while (builder.Length <= MaximumLength + input.Next(10))
        {
            builder.Append(input.Chance(0.5) ? input.Letters(40) : input.OddText()).Append(' ');
        }
        return "x" + builder.ToString().Trim();
    }
}

/// <param name="Optional">The field may be left out (and null means the same), so neither counts as invalid.</param>
public sealed record Field(string Name, BodyShape Shape, bool Optional = false);

public sealed record ObjectShape(IReadOnlyList<Field> Fields) : BodyShape
{
    public override string Valid(HostileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var present = Fields.Where(f => !f.Optional || input.Chance(0.7));
        return "{" + string.Join(", ", present.Select(f => $"{HostileInput.JsonString(f.Name)}: {f.Shape.Valid(input)}")) + "}";
    }

    public override string Invalid(HostileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var required = Fields.Where(f => !f.Optional).ToList();
        return input.Next(10) switch
        {
            < 6 => WithBrokenField(input),
            6 or 7 => WithExtraField(input),
            8 when required.Count > 0 => "{" + string.Join(", ", Fields.Where(f => f != required[0]).Select(f => $"{HostileInput.JsonString(f.Name)}: {f.Shape.Valid(input)}")) + "}",
            _ => NotAnObject(input),
        };
    }

    /// <summary>Some other kind of JSON value; never null (an optional object takes it as "left out") nor an object.</summary>
    private string NotAnObject(HostileInput input) => input.Next(4) switch
    {
        0 => "[]",
        1 => "[" + Valid(input) + "]",
        2 => HostileInput.JsonString(Valid(input)),
        _ => input.NotAString() is var other && other != "null" && !other.StartsWith('{') ? other : "\"null\"",
    };

    private string WithBrokenField(HostileInput input)
    {
        var broken = input.Pick(Fields);
        var fields = Fields.Select(f => f == broken
            ? $"{HostileInput.JsonString(f.Name)}: {f.Shape.Invalid(input)}"
            : $"{HostileInput.JsonString(f.Name)}: {f.Shape.Valid(input)}");
        return "{" + string.Join(", ", fields) + "}";
    }

    private string WithExtraField(HostileInput input)
    {
        var extra = "x-" + input.Pick([input.Letters(5), input.OddText(), "__proto__", "$type", "constructor"]);
        var fields = Fields.Select(f => $"{HostileInput.JsonString(f.Name)}: {f.Shape.Valid(input)}").ToList();
        fields.Insert(input.Next(fields.Count + 1), $"{HostileInput.JsonString(extra)}: {input.Pick(["1", "null", "{}", "\"admin\"", "true"])}");
        return "{" + string.Join(", ", fields) + "}";
    }

    /// <summary>The bodies of the lab's routes, from the catalog.</summary>
    public static ObjectShape Title() => new([new("title", new TextShape(1, LabCatalog.MaxTitleLength, MultiLine: false))]);

    public static ObjectShape Join() => new(
    [
        new("name", new TextShape(1, LabCatalog.MaxNameLength, MultiLine: false)),
        new("track", new ChoiceShape([.. LabCatalog.Tracks.Select(t => t.Id)])),
    ]);

    public static ObjectShape Lock(int part)
    {
        var shape = LabCatalog.FindPart(part)!.Prediction;
        var prediction = shape.Kind == PredictionShape.Percent
            ? new ObjectShape([new("value", new NumberShape(shape.Minimum!.Value, shape.Maximum!.Value, Whole: false))])
            : new ObjectShape([new("choice", new ChoiceShape(shape.Choices!))]);
        return new([new("prediction", prediction)]);
    }

    public static ObjectShape Run(int part) => new(
    [
        new("parameters", new ObjectShape([.. LabCatalog.FindPart(part)!.Parameters.Select(p => new Field(
            p.Name,
            p.Kind == ParameterSpec.Choice ? new ChoiceShape(p.Choices!) : new NumberShape(p.Minimum!.Value, p.Maximum!.Value, p.Kind == ParameterSpec.WholeNumber),
            Optional: true))]), Optional: true),
    ]);

    public static ObjectShape Knee()
    {
        var budget = LabCatalog.Parts[1].Parameters.First(p => p.Name == "budget");
        return new([new("value", new NumberShape(1, budget.Maximum!.Value, Whole: true))]);
    }

    public static ObjectShape Reflection() => new([new("text", new TextShape(LabCatalog.MinReflectionLength, LabCatalog.MaxReflectionLength, MultiLine: true))]);
}
