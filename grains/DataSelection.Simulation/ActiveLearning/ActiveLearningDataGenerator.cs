using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// Generates a track's Part 2 data: two Gaussian classes (identity covariance, means
/// ±ClassSeparation/2 along the first feature) plus a rare hard cluster of negatives — Edge
/// Guardian's 'statues' — sitting just past the naive boundary on the positive side and lifted
/// along the second feature, so only a tilted boundary gets them right. Pool labels are what the
/// oracle sells (flipped with probability LabelNoise); test labels are clean.
/// </summary>
public static class ActiveLearningDataGenerator
{
    /// <summary>The class of ordinary negatives and of the hard cluster ('no pedestrian').</summary>
    public const int NegativeClass = 0;

    /// <summary>The class the hard cluster is mistaken for.</summary>
    public const int PositiveClass = 1;

    private const ulong PoolStream = 0;
    private const ulong TestStream = 1;

    public static ActiveLearningData Generate(ActiveLearningScenario scenario, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Features < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), "The hard cluster needs at least two features.");
        }
        var pool = GenerateSet(scenario, scenario.PoolSize, scenario.LabelNoise, SeededRandom.ForStream(seed, PoolStream));
        var test = GenerateSet(scenario, scenario.TestSize, labelNoise: 0.0, SeededRandom.ForStream(seed, TestStream));
        return new ActiveLearningData(pool, test);
    }

    private static LabeledPool GenerateSet(ActiveLearningScenario scenario, int rows, double labelNoise, SeededRandom random)
    {
        var d = scenario.Features;
        var hardCases = new bool[rows];
        // An exact share of hard rows, placed at random, so small pools still hold the cluster.
        var hardCount = (int)Math.Round(scenario.HardCaseShare * rows, MidpointRounding.AwayFromZero);
        hardCases.AsSpan(0, hardCount).Fill(true);
        random.Shuffle(hardCases.AsSpan());

        var features = new double[rows * d];
        var labels = new int[rows];
        var halfSeparation = scenario.ClassSeparation / 2.0;
        for (var r = 0; r < rows; r++)
        {
            var x = features.AsSpan(r * d, d);
            for (var j = 0; j < d; j++)
            {
                x[j] = random.NextGaussian();
            }
            int label;
            if (hardCases[r])
            {
                label = NegativeClass;
                x[0] = scenario.HardCaseDepth + scenario.HardCaseSpread * x[0];
                x[1] = scenario.HardCaseLift + scenario.HardCaseSpread * x[1];
            }
            else
            {
                label = random.NextBool(0.5) ? PositiveClass : NegativeClass;
                x[0] += label == PositiveClass ? halfSeparation : -halfSeparation;
            }
            labels[r] = random.NextBool(labelNoise) ? 1 - label : label;
        }
        return new LabeledPool(features, d, labels, hardCases);
    }
}
