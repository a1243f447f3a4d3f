using System.CommandLine;
using System.Globalization;
using DataSelection.Client.Output;

namespace DataSelection.Client.Commands;

/// <summary>Options shared by several commands, each validated where it is parsed so a bad value never reaches the engine.</summary>
public static class CliOptions
{
    public static Option<string> Output() => new("--output", "-o")
    {
        Description = "Where to write the JSON result: a file, or - for standard output",
        DefaultValueFactory = _ => JsonOutput.StandardOutput,
        HelpName = "file",
    };

    public static Option<ulong> Seed(ulong defaultValue = 0) => new("--seed")
    {
        Description = "Random seed: the same inputs and seed give identical results",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<FileInfo> InputFile(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        HelpName = "file",
    };

    /// <summary>An integer option that must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<int> WholeNumber(string name, string description, int? defaultValue, int minimum, int maximum)
    {
        var option = new Option<int>(name) { Description = $"{description} ({minimum}–{maximum})" };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }
        option.Validators.Add(result =>
        {
            if (Parsed<int>(result) is { } parsed && (parsed < minimum || parsed > maximum))
            {
                result.AddError($"{name} must be between {minimum} and {maximum}, got {parsed.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        return option;
    }

    /// <summary>A finite number option that must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<double> Number(string name, string description, double? defaultValue, double minimum, double maximum)
    {
        var option = new Option<double>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description} ({minimum}–{maximum})"),
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }
        option.Validators.Add(result =>
        {
            if (Parsed<double>(result) is { } parsed && (!double.IsFinite(parsed) || parsed < minimum || parsed > maximum))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number between {minimum} and {maximum}, got {parsed}."));
            }
        });
        return option;
    }

    /// <summary>A string option restricted to <paramref name="choices"/>, listed in help and in the error.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description}: {string.Join(", ", choices)}",
            HelpName = string.Join('|', choices),
            DefaultValueFactory = _ => defaultValue,
        };
        option.CompletionSources.Add(choices);
        option.Validators.Add(result =>
        {
            var parsed = result.GetValueOrDefault<string>();
            if (!choices.Contains(parsed, StringComparer.Ordinal))
            {
                result.AddError($"{name} must be one of {string.Join(", ", choices)}; got \"{parsed}\".");
            }
        });
        return option;
    }

    /// <summary>
    /// A length of time written as a number with a unit (<c>90s</c>, <c>2m</c>, <c>1h</c>, <c>500ms</c>)
    /// or plain seconds, within [<paramref name="minimum"/>, <paramref name="maximum"/>].
    /// </summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue, TimeSpan minimum, TimeSpan maximum)
    {
        var option = new Option<TimeSpan>(name)
        {
            Description = $"{description}, e.g. 60s, 2m ({minimum.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s–{maximum.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s)",
            DefaultValueFactory = _ => defaultValue,
            HelpName = "time",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (ParseDuration(text) is not { } parsed)
                {
                    result.AddError($"{name} must be a time such as 60s, 2m or 500ms; got \"{text}\".");
                    return default;
                }
                if (parsed < minimum || parsed > maximum)
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture,
                        $"{name} must be between {minimum.TotalSeconds}s and {maximum.TotalSeconds}s; got {text}."));
                }
                return parsed;
            },
        };
        return option;
    }

    /// <summary>Parses <c>90s</c>, <c>2m</c>, <c>1h</c>, <c>500ms</c> or plain seconds; null when it is none of these.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600)];
        foreach (var (suffix, seconds) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value) && value >= 0)
            {
                return TimeSpan.FromSeconds(value * seconds);
            }
        }
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && double.IsFinite(plain) && plain >= 0
            ? TimeSpan.FromSeconds(plain)
            : null;
    }

    /// <summary>
    /// The option's value, or null when its token is not a <typeparamref name="T"/> at all (<c>--threshold " "</c>):
    /// the parser reports that as a usage error itself, and asking for the value would throw out of the validator.
    /// </summary>
    private static T? Parsed<T>(System.CommandLine.Parsing.OptionResult result)
        where T : struct
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
