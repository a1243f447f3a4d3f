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
