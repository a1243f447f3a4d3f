using BenchmarkDotNet.Attributes;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Audit;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Benchmarks;

/// <summary>
/// A fresh workbench run as a class meets it: every stage computed (a seed never seen, so nothing is
/// reused), against a run that moved only the slider (the corpus, its shingle sets and the raw ICR run
/// of Part 1, or Part 2's data and random baseline, already computed for a neighbour).
/// </summary>
[MemoryDiagnoser]
public class FreshRunBenchmarks
{
    private static readonly SamplingStrategy[] Scores = [SamplingStrategy.Margin, SamplingStrategy.Entropy, SamplingStrategy.LeastConfidence];
    private TrackScenario _track = TrackCatalog.CloudTitan;
    private ulong _unseenSeed = 1_000_000;
    private int _move;

    [Params("cloud-titan", "tiny-pioneer")]
    public string Track { get; set; } = "cloud-titan";

    [GlobalSetup]
    public void Setup()
    {
        _track = TrackCatalog.Find(Track)!;
        Part1_NewThreshold();
        Part2_AnotherScore();
    }

    [Benchmark(Baseline = true)]
    public DeduplicationAuditResult Part1_AllStagesFresh() =>
        DeduplicationAudit.Run(_track, DeduplicationAuditParameters.For(_track.Dedup, _unseenSeed++));

    [Benchmark]
    public DeduplicationAuditResult Part1_NewThreshold() =>
        DeduplicationAudit.Run(_track, DeduplicationAuditParameters.For(_track.Dedup) with { Threshold = 0.5 + (_move++ % 10) * 0.045 });

    [Benchmark]
    public ActiveLearningResult Part2_AnotherScore() =>
        ActiveLearningSimulation.Run(_track, ActiveLearningParameters.For(_track.ActiveLearning) with { Strategy = Scores[_move++ % Scores.Length] });
}
