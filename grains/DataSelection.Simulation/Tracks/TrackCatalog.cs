using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Costs;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.DomainGap;
using DataSelection.Simulation.Quality;

namespace DataSelection.Simulation.Tracks;

/// <summary>
/// The four tracks of the storyboard and every number behind their simulations. No other file
/// holds track numbers: simulations take a scenario, tests and the CLI take it from here.
/// </summary>
public static class TrackCatalog
{
    // One H100-class accelerator: 989 TFLOP/s dense BF16 peak at 40% achieved utilisation;
    // cloud list prices in 2026 dollars.
    private static readonly ComputePrices DatacenterPrices = new(
        GpuHourUsd: 2.25,
        GpuPeakFlops: 989e12,
        GpuUtilization: 0.40,
        CpuCoreHourUsd: 0.04);

    /// <summary>LLM Architect: 50% of the web-scraped corpus is redundant, wasting ~$5M of GPU hours on a 70B model.</summary>
    public static TrackScenario CloudTitan { get; } = new(
        Id: "cloud-titan",
        Name: "Cloud Titan",
        Dedup: new DedupScenario(
            Documents: 4_000,
            MeanTokensPerDocument: 170,
            VocabularySize: 20_000,
            ZipfExponent: 1.07,
            Topics: 24,
            RedundancyFraction: 0.50,
            EditRate: 0.005,
            ClusterSizeExponent: 1.6,
            HeldOutDocuments: 200,
            Threshold: 0.8,
            NumPerm: 128,
            Ngram: 5,
            ModelParameters: 70e9,
            NotionalTrainingTokens: 15e12,
            IcrCheckpoints: 10,
            NotionalCorpusBytes: 60e12)
        {
            // Iron Law R_peak: a Llama-3-scale cluster of H100s.
            TrainingAccelerators = 16_384,
        },
        ActiveLearning: new ActiveLearningScenario(
            PoolSize: 4_000,
            TestSize: 2_000,
            Features: 16,
            ClassSeparation: 3.0,
            HardCaseShare: 0.02,
            LabelNoise: 0.01,
            SeedSize: 20,
            BatchSize: 50,
            Budget: 1_000,
            LabelCostUsd: 2.0,
            AccuracyTarget: 0.90,
            NotionalPoolItems: 1e9,
            ScoringGpuSecondsPerItem: 1e-4,
            RetrainGpuHours: 0.5),
        DomainGap: new DomainGapScenario(
            RealSamples: 2_000,
            TrainingSamples: 4_000,
            TestSamples: 2_000,
            Features: 8,
            RainShare: 0.15,
            SyntheticShift: 0.6,
            RainMismatch: 6.0,
            MixRatio: 0.5,
            RandomizationIntensity: 0.3,
            AccuracyTarget: 0.855,
            SafetyTarget: 0.85,
            FidThreshold: 2.6)
        {
            // Every track's real collection was recorded mostly by day in dry weather.
            RealCollection = new ConditionShares(Fog: 0.05, Night: 0.01, Rain: 0.10),
        },
        Quality: new QualityScenario(LabelNoise: 0.02, TargetError: 0.02, Features: 10, MaxSamples: 20_000, Repeats: 5),
        Prices: DatacenterPrices);

    /// <summary>AV Systems Lead: the model misses 'statue' hard negatives; 1 PB of raw video, a $50k labeling budget.</summary>
    public static TrackScenario EdgeGuardian { get; } = new(
        Id: "edge-guardian",
        Name: "Edge Guardian",
        Dedup: new DedupScenario(
            Documents: 4_000,
            MeanTokensPerDocument: 170,
            VocabularySize: 12_000,
            ZipfExponent: 1.0,
            Topics: 16,
            RedundancyFraction: 0.40,
            EditRate: 0.01,
            ClusterSizeExponent: 1.8,
            HeldOutDocuments: 200,
            Threshold: 0.8,
            NumPerm: 128,
            Ngram: 5,
            ModelParameters: 200e6,
            NotionalTrainingTokens: 1e13,
            IcrCheckpoints: 10,
            NotionalCorpusBytes: 1e15)
        {
            TrainingAccelerators = 64,
        },
        ActiveLearning: new ActiveLearningScenario(
            PoolSize: 4_000,
            TestSize: 2_000,
            Features: 16,
            ClassSeparation: 3.0,
            HardCaseShare: 0.05,
            LabelNoise: 0.01,
            SeedSize: 20,
            BatchSize: 50,
            Budget: 1_000,
            LabelCostUsd: 50.0,
            AccuracyTarget: 0.90,
            NotionalPoolItems: 3.3e9,
            ScoringGpuSecondsPerItem: 2e-4,
            RetrainGpuHours: 8.0),
        DomainGap: new DomainGapScenario(
            RealSamples: 1_000,
            TrainingSamples: 3_000,
            TestSamples: 2_000,
            Features: 8,
            RainShare: 0.20,
            SyntheticShift: 0.8,
            RainMismatch: 6.0,
            MixRatio: 0.5,
            RandomizationIntensity: 0.3,
            AccuracyTarget: 0.855,
            SafetyTarget: 0.85,
            FidThreshold: 3.5)
        {
            RealCollection = new ConditionShares(Fog: 0.05, Night: 0.01, Rain: 0.10),
        },
        Quality: new QualityScenario(LabelNoise: 0.01, TargetError: 0.02, Features: 10, MaxSamples: 20_000, Repeats: 5),
        Prices: DatacenterPrices);

    /// <summary>AR Glasses Dev: 5% label noise needs ~10x more training steps than the deadline allows.</summary>
    public static TrackScenario MobileNomad { get; } = new(
        Id: "mobile-nomad",
        Name: "Mobile Nomad",
        Dedup: new DedupScenario(
            Documents: 4_000,
            MeanTokensPerDocument: 120,
            VocabularySize: 16_000,
            ZipfExponent: 1.05,
            Topics: 20,
            RedundancyFraction: 0.25,
            EditRate: 0.0075,
            ClusterSizeExponent: 1.8,
            HeldOutDocuments: 200,
            Threshold: 0.8,
            NumPerm: 128,
            Ngram: 5,
            ModelParameters: 300e6,
            NotionalTrainingTokens: 2e11,
            IcrCheckpoints: 10,
            NotionalCorpusBytes: 2e12)
        {
            TrainingAccelerators = 8,
        },
        ActiveLearning: new ActiveLearningScenario(
            PoolSize: 4_000,
            TestSize: 2_000,
            Features: 16,
            ClassSeparation: 3.2,
            HardCaseShare: 0.02,
            LabelNoise: 0.05,
            SeedSize: 20,
            BatchSize: 50,
            Budget: 1_000,
            LabelCostUsd: 5.0,
            AccuracyTarget: 0.90,
            NotionalPoolItems: 2e8,
            ScoringGpuSecondsPerItem: 5e-5,
            RetrainGpuHours: 1.0),
        DomainGap: new DomainGapScenario(
            RealSamples: 1_500,
            TrainingSamples: 3_000,
            TestSamples: 2_000,
            Features: 8,
            RainShare: 0.10,
            SyntheticShift: 0.6,
            RainMismatch: 6.0,
            MixRatio: 0.5,
            RandomizationIntensity: 0.3,
            AccuracyTarget: 0.85,
            SafetyTarget: 0.84,
            FidThreshold: 2.0)
        {
            RealCollection = new ConditionShares(Fog: 0.05, Night: 0.01, Rain: 0.10),
        },
        Quality: new QualityScenario(LabelNoise: 0.05, TargetError: 0.02, Features: 10, MaxSamples: 20_000, Repeats: 5),
        Prices: DatacenterPrices);

    /// <summary>Hearable Lead: only 500 real samples; synthetic augmentation risks a domain gap that kills field accuracy.</summary>
    public static TrackScenario TinyPioneer { get; } = new(
        Id: "tiny-pioneer",
        Name: "Tiny Pioneer",
        Dedup: new DedupScenario(
            Documents: 3_000,
            MeanTokensPerDocument: 100,
            VocabularySize: 8_000,
            ZipfExponent: 1.0,
            Topics: 12,
            RedundancyFraction: 0.15,
            EditRate: 0.01,
            ClusterSizeExponent: 2.0,
            HeldOutDocuments: 150,
            Threshold: 0.8,
            NumPerm: 128,
            Ngram: 5,
            ModelParameters: 1e6,
            NotionalTrainingTokens: 5e9,
            IcrCheckpoints: 10,
            NotionalCorpusBytes: 1e10)
        {
            TrainingAccelerators = 1,
        },
        ActiveLearning: new ActiveLearningScenario(
            PoolSize: 2_000,
            TestSize: 2_000,
            Features: 16,
            ClassSeparation: 3.0,
            HardCaseShare: 0.03,
            LabelNoise: 0.02,
            SeedSize: 20,
            BatchSize: 25,
            Budget: 500,
            LabelCostUsd: 10.0,
            AccuracyTarget: 0.90,
            NotionalPoolItems: 5e6,
            ScoringGpuSecondsPerItem: 1e-5,
            RetrainGpuHours: 0.05),
        DomainGap: new DomainGapScenario(
            RealSamples: 500,
            TrainingSamples: 2_500,
            TestSamples: 2_000,
            Features: 8,
            RainShare: 0.25,
            SyntheticShift: 0.8,
            RainMismatch: 6.0,
            MixRatio: 0.5,
            RandomizationIntensity: 0.3,
            AccuracyTarget: 0.86,
            SafetyTarget: 0.85,
            FidThreshold: 5.0)
        {
            RealCollection = new ConditionShares(Fog: 0.05, Night: 0.01, Rain: 0.10),
        },
        Quality: new QualityScenario(LabelNoise: 0.03, TargetError: 0.02, Features: 10, MaxSamples: 20_000, Repeats: 5),
        Prices: DatacenterPrices);

    /// <summary>The tracks in storyboard order.</summary>
    public static IReadOnlyList<TrackScenario> All { get; } = [CloudTitan, EdgeGuardian, MobileNomad, TinyPioneer];

    /// <summary>The track with this id, or null.</summary>
    public static TrackScenario? Find(string id) =>
        All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}
