namespace DataSelection.Simulation.Dedup;

/// <summary>
/// Part 1 (the Deduplication Audit) for one track: the generated corpus, the default MinHash/LSH
/// settings, and the notional model the ICR curve prices its FLOPs for.
/// </summary>
/// <param name="Documents">Documents in the generated corpus (sources plus their near-copies) at the workbench's default size.</param>
/// <param name="MeanTokensPerDocument">Mean document length in tokens (web text: ~170).</param>
/// <param name="VocabularySize">Distinct word types in the generator's Zipf vocabulary.</param>
/// <param name="ZipfExponent">Exponent s of the word-frequency law P(rank k) ∝ 1/k^s.</param>
/// <param name="Topics">Topics; each document draws most of its words from one topic's vocabulary.</param>
/// <param name="RedundancyFraction">Share of the corpus that is near-copies of other documents (Cloud Titan: 0.5).</param>
/// <param name="EditRate">Per-token probability that a near-copy substitutes, inserts or deletes a token.</param>
/// <param name="ClusterSizeExponent">Tail exponent of the power law that sizes duplicate clusters (heavy-tailed: a few sources are copied very often).</param>
/// <param name="HeldOutDocuments">Clean, unseen documents the ICR curve evaluates held-out loss on.</param>
/// <param name="Threshold">Default MinHash similarity threshold for deduplication.</param>
/// <param name="NumPerm">Default number of MinHash permutations.</param>
/// <param name="Ngram">Default shingle size in tokens.</param>
/// <param name="ModelParameters">Parameters of the track's notional model (Cloud Titan: 70B); training FLOPs = 6·N·tokens.</param>
/// <param name="NotionalTrainingTokens">Tokens of the track's real corpus that the generated corpus stands for; FLOPs and dollars are scaled to it.</param>
/// <param name="IcrCheckpoints">Checkpoints along training at which the ICR curve measures held-out loss.</param>
/// <param name="NotionalCorpusBytes">Bytes of raw data the track would have to index (for the CPU cost of indexing it all).</param>
public sealed record DedupScenario(
    int Documents,
    int MeanTokensPerDocument,
    int VocabularySize,
    double ZipfExponent,
    int Topics,
    double RedundancyFraction,
    double EditRate,
    double ClusterSizeExponent,
    int HeldOutDocuments,
    double Threshold,
    int NumPerm,
    int Ngram,
    double ModelParameters,
    double NotionalTrainingTokens,
    int IcrCheckpoints,
    double NotionalCorpusBytes)
{
    /// <summary>Accelerators the notional model trains on together (R_peak of the Iron Law is their sum).</summary>
    public int TrainingAccelerators { get; init; } = 1;

    /// <summary>BW of the Iron Law: bytes per second storage feeds the training run.</summary>
    public double StorageBandwidthBytesPerSecond { get; init; } = 10e9;

    /// <summary>L_lat of the Iron Law: fixed seconds of a training run that no data or compute shortens.</summary>
    public double RunLatencySeconds { get; init; } = 600;
}
