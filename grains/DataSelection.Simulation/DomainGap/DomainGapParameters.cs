namespace DataSelection.Simulation.DomainGap;

/// <summary>What the student sets on the Part 3 workbench.</summary>
/// <param name="MixRatio">Synthetic share of the training set, 0–1 (the Data Mix Ratio slider).</param>
/// <param name="RandomizationIntensity">Domain-randomisation intensity, 0–1.</param>
/// <param name="Seed">Seed of every random stream in the run.</param>
public sealed record DomainGapParameters(double MixRatio, double RandomizationIntensity, ulong Seed)
{
    /// <summary>The track's default slider positions.</summary>
    public static DomainGapParameters Default(DomainGapScenario scenario, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new DomainGapParameters(scenario.MixRatio, scenario.RandomizationIntensity, seed);
    }
}
