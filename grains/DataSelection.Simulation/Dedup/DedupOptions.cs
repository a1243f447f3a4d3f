namespace DataSelection.Simulation.Dedup;

/// <summary>Settings of one deduplication run.</summary>
/// <param name="Threshold">Estimated Jaccard a candidate pair must reach to count as near-duplicates.</param>
/// <param name="NumPerm">MinHash permutations (signature length).</param>
/// <param name="Ngram">Shingle size in tokens.</param>
/// <param name="Bands">LSH bands; null chooses (b, r) by <see cref="BandPlan.Optimal"/>.</param>
/// <param name="Rows">Rows per band; null chooses it (⌊NumPerm / Bands⌋ when only the bands are given).</param>
/// <param name="Threads">Worker threads for signing; results do not depend on it.</param>
/// <param name="Seed">Seed of the MinHash permutations.</param>
public sealed record DedupOptions(
    double Threshold = 0.8,
    int NumPerm = 128,
    int Ngram = 5,
    int? Bands = null,
    int? Rows = null,
    int Threads = 1,
    ulong Seed = 1)
{
    /// <summary>The scenario's default threshold, permutations and shingle size.</summary>
    public static DedupOptions For(DedupScenario scenario, int threads = 1, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new DedupOptions(scenario.Threshold, scenario.NumPerm, scenario.Ngram, Threads: threads, Seed: seed);
    }

    /// <summary>The banding these options ask for.</summary>
    public BandPlan ResolveBandPlan()
    {
        var plan = (Bands, Rows) switch
        {
            ({ } b, { } r) => new BandPlan(b, r),
            ({ } b, null) => new BandPlan(b, NumPerm / b),
            (null, { } r) => new BandPlan(NumPerm / r, r),
            _ => BandPlan.Optimal(Threshold, NumPerm),
        };
        if (plan.Bands < 1 || plan.Rows < 1 || plan.UsedPermutations > NumPerm)
        {
            throw new ArgumentException($"Bands × rows = {plan.Bands} × {plan.Rows} must be at least 1 × 1 and use at most {NumPerm} permutations.");
        }
        return plan;
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Threshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Threshold, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(NumPerm, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Ngram, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Ngram, Shingler.MaximumNgram);
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1);
    }
}
