using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// Uncertainty sampling (Settles 2009): score every unlabeled item by how unsure the model is,
/// then label the top k. Scores are oriented so that higher always means "more uncertain".
/// </summary>
public static class UncertaintySampler
{
    /// <summary>Least confidence, 1 − max_k p_k (Settles 2009, eq. 3.1 in uncertainty form).</summary>
    public static double LeastConfidence(ReadOnlySpan<double> probabilities)
    {
        var max = 0.0;
        foreach (var p in probabilities)
        {
            max = Math.Max(max, p);
        }
        return 1.0 - max;
    }

    /// <summary>Margin p₁ − p₂ between the two most probable classes (Settles 2009, eq. 3.2); small is uncertain.</summary>
    public static double Margin(ReadOnlySpan<double> probabilities)
    {
        double first = 0.0, second = 0.0;
        foreach (var p in probabilities)
        {
            if (p > first)
            {
                second = first;
                first = p;
            }
            else if (p > second)
            {
                second = p;
            }
        }
        return first - second;
    }

    /// <summary>Shannon entropy −Σ p log p in nats, with 0 log 0 = 0 (Settles 2009, eq. 3.3).</summary>
    public static double Entropy(ReadOnlySpan<double> probabilities)
    {
        var entropy = 0.0;
        foreach (var p in probabilities)
        {
            if (p > 0.0)
            {
                entropy -= p * Math.Log(p);
            }
        }
        return entropy;
    }

    /// <summary>The uncertainty of one item under <paramref name="strategy"/>; higher is more uncertain (margin is negated).</summary>
    public static double Uncertainty(SamplingStrategy strategy, ReadOnlySpan<double> probabilities) => strategy switch
    {
        SamplingStrategy.LeastConfidence => LeastConfidence(probabilities),
        SamplingStrategy.Margin => -Margin(probabilities),
        SamplingStrategy.Entropy => Entropy(probabilities),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Random sampling has no uncertainty score."),
    };

    /// <summary>
    /// The <paramref name="k"/> candidates with the highest scores, most uncertain first; equal
    /// scores go to the lower index so the choice never depends on sort stability.
    /// </summary>
    /// <param name="scores">One score per candidate, aligned with <paramref name="candidates"/>.</param>
    /// <param name="candidates">Pool indices of the unlabeled items.</param>
    public static int[] SelectTopK(ReadOnlySpan<double> scores, ReadOnlySpan<int> candidates, int k)
    {
        if (scores.Length != candidates.Length)
        {
            throw new ArgumentException("One score per candidate is required.", nameof(scores));
        }
        k = Math.Clamp(k, 0, candidates.Length);
        if (k == 0)
        {
            return [];
        }
        // A min-heap of the k best so far, whose root is the weakest keeper: O(n log k), not a full sort.
        var keepers = new PriorityQueue<int, (double Score, int Index)>(k, WeakestFirst.Instance);
        for (var i = 0; i < candidates.Length; i++)
        {
            var key = (scores[i], candidates[i]);
            if (keepers.Count < k)
            {
                keepers.Enqueue(candidates[i], key);
            }
            else if (keepers.TryPeek(out _, out var weakest) && WeakestFirst.Instance.Compare(weakest, key) < 0)
            {
                keepers.DequeueEnqueue(candidates[i], key);
            }
        }
        var selected = new int[k];
        for (var i = k - 1; i >= 0; i--)
        {
            selected[i] = keepers.Dequeue();
        }
        return selected;
    }

    /// <summary>k candidates uniformly without replacement (the first k steps of a Fisher–Yates shuffle).</summary>
    public static int[] SelectAtRandom(ReadOnlySpan<int> candidates, int k, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var items = candidates.ToArray();
        k = Math.Clamp(k, 0, items.Length);
        for (var i = 0; i < k; i++)
        {
            var j = random.NextInt(i, items.Length);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items[..k];
    }

    /// <summary>Orders keys weakest first: lower score, then (on a tie) higher index.</summary>
    private sealed class WeakestFirst : IComparer<(double Score, int Index)>
    {
        public static readonly WeakestFirst Instance = new();

        public int Compare((double Score, int Index) x, (double Score, int Index) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Index.CompareTo(x.Index);
        }
    }
}
