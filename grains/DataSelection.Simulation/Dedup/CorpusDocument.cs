namespace DataSelection.Simulation.Dedup;

/// <summary>
/// One document of a generated corpus: its tokens (word ids in the generator's vocabulary) and,
/// as ground truth, which source document it was copied from.
/// </summary>
/// <param name="Id">Position of the document in the corpus.</param>
/// <param name="Tokens">Word ids, each in [0, vocabulary size).</param>
/// <param name="SourceId">Id of the original this document is a near-copy of; equal to <paramref name="Id"/> for an original.</param>
public sealed record CorpusDocument(int Id, int[] Tokens, int SourceId)
{
    public bool IsNearCopy => SourceId != Id;
}
