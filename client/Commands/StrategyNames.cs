using DataSelection.Simulation.ActiveLearning;

namespace DataSelection.Client.Commands;

/// <summary>The command line's names for the sampling strategies.</summary>
public static class StrategyNames
{
    public static readonly string[] All = ["random", "least-confidence", "margin", "entropy"];

    public static string Of(SamplingStrategy strategy) => strategy switch
    {
        SamplingStrategy.Random => "random",
        SamplingStrategy.LeastConfidence => "least-confidence",
        SamplingStrategy.Margin => "margin",
        SamplingStrategy.Entropy => "entropy",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    public static SamplingStrategy Parse(string name) => name switch
    {
        "random" => SamplingStrategy.Random,
        "least-confidence" => SamplingStrategy.LeastConfidence,
        "margin" => SamplingStrategy.Margin,
        "entropy" => SamplingStrategy.Entropy,
        _ => throw new ArgumentException($"unknown strategy \"{name}\"; expected one of {string.Join(", ", All)}"),
    };
}
