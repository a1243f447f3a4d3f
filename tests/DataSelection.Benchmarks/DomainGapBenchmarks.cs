using BenchmarkDotNet.Attributes;
using DataSelection.Simulation.DomainGap;
using DataSelection.Simulation.Quality;
using DataSelection.Simulation.Randomness;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Benchmarks;

/// <summary>Part 3 and the Data Quality Multiplier at each track's default size; FID on CLI-sized inputs.</summary>
[MemoryDiagnoser]
public class DomainGapBenchmarks
{
    private double[][] _first = [];
    private double[][] _second = [];

    [Params("cloud-titan", "tiny-pioneer")]
    public string Track { get; set; } = "cloud-titan";

    [Params(8, 64)]
    public int FidFeatures { get; set; }

    private TrackScenario Scenario => TrackCatalog.Find(Track)!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(1);
        _first = Rows(random, 2_000, FidFeatures, 0.0);
        _second = Rows(random, 2_000, FidFeatures, 0.5);
    }

    [Benchmark]
    public DomainGapResult DomainGapRun() =>
        DomainGapSimulation.Run(Scenario.DomainGap, DomainGapParameters.Default(Scenario.DomainGap, 42));

    [Benchmark]
    public MixSweep DomainGapSweep() =>
        DomainGapSimulation.Sweep(Scenario.DomainGap, Scenario.DomainGap.RandomizationIntensity, 42);

    [Benchmark]
    public DataQualityResult QualityMultiplier() =>
        DataQualityMultiplier.Measure(Scenario.Quality, new QualityParameters(42));

    [Benchmark]
    public double FidFromSamples() => FrechetDistance.FromSamples(_first, _second);

    private static double[][] Rows(SeededRandom random, int n, int d, double shift) =>
        Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, d).Select(_ => shift + random.NextGaussian()).ToArray()).ToArray();
}
