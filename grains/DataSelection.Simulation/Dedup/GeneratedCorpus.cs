namespace DataSelection.Simulation.Dedup;

/// <summary>
/// A generated training corpus with known near-duplicate clusters, in training order, plus clean
/// held-out documents (drawn from the same distribution, never copied into training) for
/// measuring learning progress.
/// </summary>
public sealed record GeneratedCorpus(
    IReadOnlyList<CorpusDocument> Documents,
    IReadOnlyList<CorpusDocument> HeldOut,
    int VocabularySize);
