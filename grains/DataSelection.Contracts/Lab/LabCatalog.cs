using DataSelection.Simulation.Tracks;

namespace DataSelection.Contracts.Lab;

/// <summary>
/// The lab as the storyboard writes it: four tracks, three parts, each part's lock question,
/// reflection prompt and workbench controls with their ranges. Defaults per track come from the
/// simulation's <see cref="TrackCatalog"/>, so the page, the API and the engine agree.
/// </summary>
public static class LabCatalog
{
    /// <summary>Fixes every lab simulation's generated data, so a whole cohort shares one computation per setting.</summary>
    public const ulong LabSeed = 2026;

    public const int PartCount = 3;

    /// <summary>Longest display name a student may choose.</summary>
    public const int MaxNameLength = 60;

    /// <summary>Longest session title.</summary>
    public const int MaxTitleLength = 120;

    /// <summary>Longest reflection, in characters (a long paragraph or two).</summary>
    public const int MaxReflectionLength = 8_000;

    /// <summary>Shortest reflection that counts as an answer.</summary>
    public const int MinReflectionLength = 20;

    public static IReadOnlyList<TrackProfile> Tracks { get; } =
    [
        new(
            "cloud-titan",
            "Cloud Titan",
            "LLM Architect",
            "Maximize Llama-3-70B serving.",
            "The Deduplication Tax. Your web-scraped corpus is 50% redundant. You are wasting $5M in GPU hours training on identical tokens.",
            [
                "Half of the crawl is near-copies of itself. Find how much of the 70B model's training compute buys nothing.",
                "Labels for data quality are cheap, but scoring a billion documents is not. Does active selection pay for its own GPU hours?",
                "Synthetic text fills gaps in rare domains. How much can you add before the model learns the generator instead of the world?",
            ]),
        new(
            "edge-guardian",
            "Edge Guardian",
            "AV Systems Lead",
            "Deterministic 10ms safety loop.",
            "The Hard-Negative Crisis. The model keeps missing 'statue' edge cases. You have 1PB of raw video but only a $50k labeling budget.",
            [
                "1 PB of dashcam video repeats the same highway minute after minute. What does indexing it cost, and what does removing the repeats save?",
                "Statues look like pedestrians. Random labeling rarely finds them; uncertainty sampling might. Spend the $50k where the model is unsure.",
                "The simulator renders fog and night well but gets rain wrong. Find a mix the Safety Lead signs off on.",
            ]),
        new(
            "mobile-nomad",
            "Mobile Nomad",
            "AR Glasses Dev",
            "60FPS AR translation.",
            "The Noise Penalty. Your training data has 5% label noise, requiring 10x more training steps to converge, which exceeds your project deadline.",
            [
                "Duplicated subtitle lines inflate the corpus. Removing them shortens every epoch before the deadline.",
                "With 5% of labels wrong, every label bought matters twice. Does choosing what to label beat buying more?",
                "Synthetic street scenes are clean where your real labels are noisy. Does quantity beat quality here?",
            ]),
        new(
            "tiny-pioneer",
            "Tiny Pioneer",
            "Hearable Lead",
            "Neural isolation in <10ms under 1mW.",
            "The Synthetic Bridge. You have only 500 real samples. You must use synthetic augmentation without creating a 'Domain Gap' that kills field accuracy.",
            [
                "Even 500 samples hide repeats. On a 1 mW budget every training step counts.",
                "Each real recording costs a field session. Which recordings are worth the trip?",
                "500 real recordings, mostly in quiet rooms; the field has wind, crowds and rain. Bridge the gap without falling into it.",
            ]),
    ];

    public static IReadOnlyList<PartDefinition> Parts { get; } =
    [
        new(
            1,
            "The Deduplication Audit",
            "Quantify the speedup of static pruning (removing redundant data) on total training time.",
            "If you remove 30% of the most redundant samples using LSH/MinHash, what is the expected reduction in total training FLOPs?",
            PredictionShape.PercentBetween(0, 100, 30),
            "Why does training on duplicate data decrease the efficiency (η) of your training system? Reconcile this with the Iron Law.",
            [
                new("threshold", "Deduplication threshold (MinHash similarity)", ParameterSpec.Number, 0.5, 0.95, 0.05, null, false,
                    "Documents whose estimated Jaccard similarity reaches this are near-duplicates; all but one of each cluster are removed."),
                new("numPerm", "MinHash permutations", ParameterSpec.WholeNumber, 16, 512, 16, null, true,
                    "Hash functions per signature: more permutations estimate similarity more precisely and cost more CPU."),
                new("ngram", "Shingle size (tokens)", ParameterSpec.WholeNumber, 1, 9, 1, null, true,
                    "Tokens per shingle: small shingles match loosely, large ones only near-verbatim copies."),
            ],
            null),
        new(
            2,
            "Active Learning ROI",
            "Optimize the labeling budget using uncertainty sampling, and find the knee where selection stops paying.",
            "Will uncertainty sampling reach 90% accuracy with more or fewer samples than random sampling?",
            PredictionShape.OneOf("fewer", "same", "more"),
            "Jeff Dean asks: 'Is the CPU cost of indexing the entire 1PB dataset higher than the GPU savings from training on fewer samples?' Prove your answer using the dashboard.",
            [
                new("strategy", "Uncertainty score", ParameterSpec.Choice, null, null, null, ["least-confidence", "margin", "entropy"], false,
                    "How active learning ranks the pool: least confidence 1 − max p, smallest margin p₁ − p₂, or highest entropy."),
                new("batchSize", "Selection batch size", ParameterSpec.WholeNumber, 5, 250, 5, null, false,
                    "Labels bought per round: small batches choose better but need more rounds of scoring and retraining."),
                new("budget", "Labeling budget (labels)", ParameterSpec.WholeNumber, 100, 2_000, 50, null, false,
                    "Labels bought in all, seed included."),
            ],
            10),
        new(
            3,
            "The Domain Gap Synthesis",
            "Balance synthetic and real data to maximize generalization while keeping the domain gap safe.",
            "What happens to your 'Safety Metric' if you move from 10% Synthetic data to 90% Synthetic data?",
            PredictionShape.OneOf("improves", "unchanged", "degrades"),
            "Defend your final Data Acquisition Strategy. Did you prioritize 'Quantity' (Synthetic) or 'Quality' (Expert-Labeled Real)? Explain how the 1/ε² noise penalty influenced your choice.",
            [
                new("mix", "Synthetic share of the training data", ParameterSpec.Number, 0.0, 1.0, 0.05, null, false,
                    "0 trains on real data only, 1 on synthetic only."),
                new("intensity", "Domain randomization intensity", ParameterSpec.Number, 0.0, 1.0, 0.05, null, false,
                    "How widely the simulator varies its renderings: more covers more of reality, and adds noise."),
            ],
            null),
    ];

    public static TrackProfile? FindTrack(string? id) => Tracks.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    public static PartDefinition? FindPart(int number) => number is >= 1 and <= PartCount ? Parts[number - 1] : null;

    /// <summary>The simulation scenario behind a track id (every id in <see cref="Tracks"/> has one).</summary>
    public static TrackScenario ScenarioFor(string trackId) =>
        TrackCatalog.Find(trackId) ?? throw new ArgumentException($"Unknown track '{trackId}'.", nameof(trackId));
}
