using BenchmarkDotNet.Attributes;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Audit;
using DataSelection.Simulation.DomainGap;
using DataSelection.Simulation.Quality;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Benchmarks;

/// <summary>
/// Each lab simulation as a workbench runs it, at its track's default size, on one core:
/// the budget is 250 ms so a slider feels live.
/// </summary>
[MemoryDiagnoser]
public class LabSimulationBenchmarks
{
    private TrackScenario _track = TrackCatalog.CloudTitan;

    [Params("cloud-titan", "edge-guardian", "mobile-nomad", "tiny-pioneer")]
    public string Track { get; set; } = "cloud-titan";

    [GlobalSetup]
    public void Setup() => _track = TrackCatalog.Find(Track)!;

    [Benchmark]
    public DeduplicationAuditResult Part1_DeduplicationAudit() =>
        DeduplicationAudit.Run(_track, DeduplicationAuditParameters.For(_track.Dedup));

    [Benchmark]
    public ActiveLearningResult Part2_ActiveLearning() =>
        ActiveLearningSimulation.Run(_track, ActiveLearningParameters.For(_track.ActiveLearning));

    [Benchmark]
    public MixSweep Part3_DomainGapRunAndSweep()
    {
        var parameters = DomainGapParameters.Default(_track.DomainGap, 1);
        DomainGapSimulation.Run(_track.DomainGap, parameters);
        return DomainGapSimulation.Sweep(_track.DomainGap, parameters.RandomizationIntensity, parameters.Seed);
    }

    [Benchmark]
    public DataQualityResult DataQualityMultiplierMeasurement() =>
        DataQualityMultiplier.Measure(_track.Quality, new QualityParameters(1));
}
