using BenchmarkDotNet.Attributes;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Benchmarks;

/// <summary>
/// Part 2 speed. <see cref="CliLoop"/> is the CLI's case — 20 rounds on a 20,000 × 16 pool, batch 50,
/// seed 20, budget 1,000 (scikit-learn's LogisticRegression takes ≈ 0.1 s for the same loop);
/// <see cref="DefaultLab"/> is one track's workbench run (uncertainty + random baseline).
/// </summary>
[MemoryDiagnoser]
public class ActiveLearningBenchmarks
{
    private ActiveLearningData _cliData = null!;

    [Params(SamplingStrategy.Margin, SamplingStrategy.Random)]
    public SamplingStrategy Strategy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var cli = TrackCatalog.CloudTitan.ActiveLearning with { PoolSize = 20_000, TestSize = 5_000, Features = 16 };
        _cliData = ActiveLearningDataGenerator.Generate(cli, 1);
    }

    [Benchmark]
    public ActiveLearningCurve CliLoop() =>
        ActiveLearningLoop.Run(_cliData.Pool, _cliData.Test, new ActiveLearningOptions(Strategy, 20, 50, 1_000, 1.0, 1));

    [Benchmark]
    public ActiveLearningResult DefaultLab() =>
        ActiveLearningSimulation.Run(TrackCatalog.EdgeGuardian, ActiveLearningParameters.For(TrackCatalog.EdgeGuardian.ActiveLearning, 1));
}
