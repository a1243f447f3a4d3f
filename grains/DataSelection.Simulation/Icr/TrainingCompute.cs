using DataSelection.Simulation.Dedup;

namespace DataSelection.Simulation.Icr;

/// <summary>
/// Prices tokens of the generated stream in training FLOPs of the track's notional model. The
/// generated stream stands for the track's whole corpus, so each of its tokens counts for
/// <see cref="TokenScale"/> real tokens; raw and deduplicated runs share one scale so their FLOPs compare.
/// </summary>
/// <param name="ModelParameters">N: parameters of the notional model (Cloud Titan: 70B).</param>
/// <param name="TokenScale">Notional tokens per generated token: notional training tokens / raw stream tokens.</param>
public sealed record TrainingCompute(double ModelParameters, double TokenScale)
{
    /// <summary>The scale at which <paramref name="rawStreamTokens"/> generated tokens stand for the track's notional corpus.</summary>
    public static TrainingCompute For(DedupScenario scenario, long rawStreamTokens)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rawStreamTokens);
        return new TrainingCompute(scenario.ModelParameters, scenario.NotionalTrainingTokens / rawStreamTokens);
    }

    /// <summary>Real tokens that <paramref name="streamTokens"/> generated tokens stand for.</summary>
    public double NotionalTokens(long streamTokens) => streamTokens * TokenScale;

    // Kaplan et al. 2020: training a dense transformer costs ≈ 6·N FLOPs per token (2N forward, 4N backward).
    public double FlopsFor(long streamTokens) => 6.0 * ModelParameters * NotionalTokens(streamTokens);
}
