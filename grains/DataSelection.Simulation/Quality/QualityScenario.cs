namespace DataSelection.Simulation.Quality;

/// <summary>
/// The Data Quality Multiplier for one track: how many samples it takes to reach a target error
/// with clean labels and with the track's label noise.
/// </summary>
/// <param name="LabelNoise">Rate of flipped labels in the noisy condition.</param>
/// <param name="TargetError">Default excess error ε to reach.</param>
/// <param name="Features">Feature dimensions of the learning task.</param>
/// <param name="MaxSamples">Largest training-set size the measurement tries.</param>
/// <param name="Repeats">Independent repeats averaged at each size.</param>
/// <param name="ClassSeparation">Distance between the two class means in within-class standard deviations;
/// fixes the generator's Bayes error Φ(−separation/2) (2.0 → 15.9%).</param>
public sealed record QualityScenario(
    double LabelNoise,
    double TargetError,
    int Features,
    int MaxSamples,
    int Repeats,
    double ClassSeparation = 2.0);
