using BenchmarkDotNet.Attributes;
using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Audit;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Benchmarks;

/// <summary>
/// A fresh workbench run as a class meets it: every stage computed (a seed never seen, so nothing is
/// reused), against a run that moved only the slider (the corpus, its shingle sets and the raw ICR run
/// of Part 1 — and, when the new threshold keeps what another kept, its deduplicated ICR run — or
/// Part 2's data and random baseline, already computed for a neighbour).
/// </summary>
[MemoryDiagnoser]
public class FreshRunBenchmarks
{
    private static readonly SamplingStrategy[] Scores = [SamplingStrategy.Margin, SamplingStrategy.Entropy, SamplingStrategy.LeastConfidence];
    private TrackScenario _track = TrackCatalog.CloudTitan;
    private ulong _unseenSeed = 1_000_000;
    private int _move;
    private ulong _corpusSeed = 2_000_000;

    [Params("cloud-titan", "tiny-pioneer")]
    public string Track { get; set; } = "cloud-titan";

    [GlobalSetup]
    public void Setup()
    {
        _track = TrackCatalog.Find(Track)!;
        Part1_NewThreshold_KeptSetSeen();
        Part2_AnotherScore();
    }

    [Benchmark(Baseline = true)]
    public DeduplicationAuditResult Part1_AllStagesFresh() =>
        DeduplicationAudit.Run(_track, DeduplicationAuditParameters.For(_track.Dedup, _unseenSeed++));

    /// <summary>
    /// A threshold nobody used whose kept set is new too: the corpus, its shingle sets and raw ICR run
    /// exist (a neighbour's run at another seed's corpus, made in the setup), the deduplicated ICR run does not.
    /// </summary>
    [IterationSetup(Target = nameof(Part1_NewThreshold_NewKeptSet))]
    public void NextCorpus()
    {
        _corpusSeed++;
        DeduplicationAudit.Run(_track, DeduplicationAuditParameters.For(_track.Dedup, _corpusSeed));
    }

    [Benchmark]
    public DeduplicationAuditResult Part1_NewThreshold_NewKeptSet() =>
        DeduplicationAudit.Run(_track, DeduplicationAuditParameters.For(_track.Dedup, _corpusSeed) with { Threshold = 0.6123 });

    /// <summary>A threshold nobody used that keeps what a neighbour's threshold kept: only MinHash, LSH and the quality score run.</summary>
    [Benchmark]
    public DeduplicationAuditResult Part1_NewThreshold_KeptSetSeen() =>
        DeduplicationAudit.Run(_track, DeduplicationAuditParameters.For(_track.Dedup) with { Threshold = 0.5 + (_move++ % 10) * 0.045 });

    [Benchmark]
    public ActiveLearningResult Part2_AnotherScore() =>
        ActiveLearningSimulation.Run(_track, ActiveLearningParameters.For(_track.ActiveLearning) with { Strategy = Scores[_move++ % Scores.Length] });
}
