using System.Text.Json.Serialization;

namespace DataSelection.Simulation.ActiveLearning;

/// <summary>How the learner chooses which pool items to label next (Settles 2009, §3.1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SamplingStrategy>))]
public enum SamplingStrategy
{
    /// <summary>Uniformly at random: the baseline.</summary>
    Random,

    /// <summary>Highest 1 − max p.</summary>
    LeastConfidence,

    /// <summary>Smallest p₁ − p₂ (top two probabilities).</summary>
    Margin,

    /// <summary>Highest −Σ p log p.</summary>
    Entropy,
}
