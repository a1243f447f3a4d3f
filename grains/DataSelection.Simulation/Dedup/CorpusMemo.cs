using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DataSelection.Simulation.Reuse;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// The work of a Part 1 audit that depends only on its corpus, done once per process and shared:
/// the generated corpus itself (per scenario, size and seed) and, per corpus, stages such as its
/// shingle sets or the ICR run on the raw stream. Students moving the threshold slider then pay only
/// for what the threshold changes. Every stage is deterministic and computed exactly as it would be
/// for one run, so a memoized audit is bit-identical to a fresh one (tested).
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="MaxCorpora"/> corpora (≈ 3 MB each at the tracks' sizes, plus their
/// stages: ≈ 5 MB of shingle sets per shingle size and a few KB of ICR points), least recently used
/// first out. A corpus's stages live exactly as long as the corpus (a weak table keyed by it).
/// Stages are computed without the caller's cancellation (each takes tens of milliseconds), so one
/// student's superseded run never leaves a cancelled stage behind for the others; a stage that throws
/// is forgotten and computed again by the next caller.
/// </remarks>
public static class CorpusMemo
{
    /// <summary>The four tracks at the lab seed, and room for the CLI's or tests' own seeds.</summary>
    public const int MaxCorpora = 8;

    private static readonly BoundedMemo<(DedupScenario Scenario, int Documents, ulong Seed), GeneratedCorpus> Corpora = new(MaxCorpora);
    private static readonly ConditionalWeakTable<GeneratedCorpus, ConcurrentDictionary<object, Lazy<object>>> Stages = [];

    /// <summary>The corpus <see cref="CorpusGenerator.Generate"/> makes for these inputs, generated once.</summary>
    public static GeneratedCorpus Generate(DedupScenario scenario, int documents, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Corpora.GetOrCompute((scenario, documents, seed), static k => CorpusGenerator.Generate(k.Scenario, k.Documents, k.Seed));
    }

    /// <summary>A stage of <paramref name="corpus"/> named by <paramref name="key"/> (value equality), computed once.</summary>
    public static T Stage<T>(GeneratedCorpus corpus, object key, Func<T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(compute);
        var stages = Stages.GetOrCreateValue(corpus);
        var stage = stages.GetOrAdd(key, _ => new Lazy<object>(compute));
        try
        {
            return (T)stage.Value;
        }
        catch
        {
            stages.TryRemove(new KeyValuePair<object, Lazy<object>>(key, stage));
            throw;
        }
    }
}
