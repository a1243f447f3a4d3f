using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Tests.Icr;

/// <summary>A training stream with its ground-truth kept-mask (originals kept, near-copies removed) and clean held-out documents.</summary>
internal sealed record RedundantCorpus(int[][] Training, bool[] Kept, int[][] HeldOut, int VocabularySize);

/// <summary>
/// A small stand-in for the Part 1 corpus generator, for testing the ICR curve on its own: words
/// follow a Zipf law with bigram structure (each word prefers a few followers), and a share of the
/// stream is near-copies of earlier originals (popular originals are copied more often).
/// </summary>
internal sealed class RedundantCorpusMaker
{
    private const int PreferredFollowers = 4;
    private const double FollowProbability = 0.6;
    private const double ZipfExponent = 1.05;

    private readonly int _vocabularySize;
    private readonly int _tokensPerDocument;
    private readonly double[] _zipfCumulative;
    private readonly int[][] _followers;

    public RedundantCorpusMaker(int vocabularySize = 2_000, int tokensPerDocument = 100)
    {
        _vocabularySize = vocabularySize;
        _tokensPerDocument = tokensPerDocument;
        _zipfCumulative = new double[vocabularySize];
        double total = 0;
        for (var k = 0; k < vocabularySize; k++)
        {
            total += 1.0 / Math.Pow(k + 1, ZipfExponent);
            _zipfCumulative[k] = total;
        }
        for (var k = 0; k < vocabularySize; k++)
        {
            _zipfCumulative[k] /= total;
        }
        // The language itself is fixed (seed 0); corpus seeds only change which text is drawn from it.
        var language = new SeededRandom(0);
        _followers = new int[vocabularySize][];
        for (var w = 0; w < vocabularySize; w++)
        {
            _followers[w] = new int[PreferredFollowers];
            for (var j = 0; j < PreferredFollowers; j++)
            {
                _followers[w][j] = ZipfWord(language);
            }
        }
    }

    public int VocabularySize => _vocabularySize;

    /// <summary>Clean documents only: every one is original.</summary>
    public int[][] Documents(ulong seed, int count)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, count).Select(_ => Document(random)).ToArray();
    }

    /// <summary>A stream of <paramref name="documents"/> of which a share <paramref name="redundancy"/> are near-copies of earlier originals.</summary>
    public RedundantCorpus Make(ulong seed, int documents, double redundancy, double editRate, int heldOut)
    {
        var random = new SeededRandom(seed);
        var training = new int[documents][];
        var kept = new bool[documents];
        var originals = new List<int[]>();
        for (var i = 0; i < documents; i++)
        {
            if (originals.Count > 0 && random.NextBool(redundancy))
            {
                // Squaring a uniform favours early originals: a few are copied often, most rarely.
                var u = random.NextDouble();
                var source = originals[(int)(u * u * originals.Count)];
                training[i] = NearCopy(source, editRate, random);
            }
            else
            {
                training[i] = Document(random);
                originals.Add(training[i]);
                kept[i] = true;
            }
        }
        var heldOutRandom = SeededRandom.ForStream(seed, 1);
        var heldOutDocuments = Enumerable.Range(0, heldOut).Select(_ => Document(heldOutRandom)).ToArray();
        return new RedundantCorpus(training, kept, heldOutDocuments, _vocabularySize);
    }

    private int[] Document(SeededRandom random)
    {
        var tokens = new int[_tokensPerDocument];
        tokens[0] = ZipfWord(random);
        for (var t = 1; t < tokens.Length; t++)
        {
            tokens[t] = random.NextBool(FollowProbability)
                ? _followers[tokens[t - 1]][random.NextInt(PreferredFollowers)]
                : ZipfWord(random);
        }
        return tokens;
    }

    private int[] NearCopy(int[] source, double editRate, SeededRandom random)
    {
        var copy = (int[])source.Clone();
        for (var t = 0; t < copy.Length; t++)
        {
            if (random.NextBool(editRate))
            {
                copy[t] = ZipfWord(random);
            }
        }
        return copy;
    }

    private int ZipfWord(SeededRandom random)
    {
        var index = Array.BinarySearch(_zipfCumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _vocabularySize - 1);
    }
}
