namespace DataSelection.Simulation.ActiveLearning;

/// <summary>What the student sets on the Part 2 workbench.</summary>
/// <param name="Strategy">The uncertainty strategy compared against random sampling.</param>
/// <param name="BatchSize">The 'Selection Batch Size': labels bought per round.</param>
/// <param name="Budget">Labels bought in all, seed included.</param>
/// <param name="SeedSize">Random labels bought before the first round.</param>
/// <param name="Seed">Fixes the generated data and every random choice.</param>
public sealed record ActiveLearningParameters(SamplingStrategy Strategy, int BatchSize, int Budget, int SeedSize, ulong Seed)
{
    /// <summary>The track's defaults, with margin sampling.</summary>
    public static ActiveLearningParameters For(ActiveLearningScenario scenario, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ActiveLearningParameters(SamplingStrategy.Margin, scenario.BatchSize, scenario.Budget, scenario.SeedSize, seed);
    }
}
