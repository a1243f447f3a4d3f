using DataSelection.Simulation.Dedup;

namespace DataSelection.Simulation.Audit;

/// <summary>What the student sets on the Part 1 workbench.</summary>
/// <param name="Threshold">The deduplication threshold (MinHash similarity).</param>
/// <param name="NumPerm">MinHash permutations.</param>
/// <param name="Ngram">Shingle size in tokens.</param>
/// <param name="Seed">Fixes the generated corpus and the hash functions.</param>
public sealed record DeduplicationAuditParameters(double Threshold, int NumPerm, int Ngram, ulong Seed)
{
    /// <summary>The track's defaults.</summary>
    public static DeduplicationAuditParameters For(DedupScenario scenario, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new DeduplicationAuditParameters(scenario.Threshold, scenario.NumPerm, scenario.Ngram, seed);
    }
}
