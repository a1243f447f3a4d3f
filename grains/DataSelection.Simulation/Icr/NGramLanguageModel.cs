namespace DataSelection.Simulation.Icr;

/// <summary>
/// A bigram language model over word ids [0, V), trained by counting and smoothed by interpolated
/// Kneser–Ney (absolute discounting backed off to continuation counts, which in turn back off to
/// the uniform distribution), so every word keeps a probability above zero and every conditional
/// distribution sums to one. Documents are fed in training order; the first word of a document is
/// predicted from a start-of-document context. Untrained, it is uniform: loss log V.
/// </summary>
public sealed class NGramLanguageModel
{
    /// <summary>The context of a document's first word.</summary>
    public const int DocumentStart = -1;

    // Chen & Goodman (1998) found a single discount near 0.75 close to optimal for interpolated
    // Kneser–Ney; a fixed value keeps the model's behaviour independent of the stream's statistics.
    private const double Discount = 0.75;

    // A running product of probabilities is turned into a logarithm once it falls below this; the
    // smallest probability the model gives is ~D²/(V·pairs·c(v)) ≫ 1e-100 at any trainable size, so
    // one more factor can never underflow a double (smallest normal ≈ 1e-308).
    private const double ProductFloor = 1e-200;

    private readonly int _vocabularySize;
    private readonly BigramCounts _pairs;
    private readonly long[] _contextTokens;
    private readonly int[] _contextFollowerTypes;
    private readonly int[] _wordPrecederTypes;
    private int _wordsWithPreceders;

    /// <param name="vocabularySize">V: the number of word ids the model predicts over.</param>
    public NGramLanguageModel(int vocabularySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 2);
        _vocabularySize = vocabularySize;
        _pairs = new BigramCounts();
        _contextTokens = new long[vocabularySize + 1];
        _contextFollowerTypes = new int[vocabularySize + 1];
        _wordPrecederTypes = new int[vocabularySize];
    }

    public int VocabularySize => _vocabularySize;

    /// <summary>Tokens the model has been trained on.</summary>
    public long TrainedTokens { get; private set; }

    /// <summary>Distinct (context, word) pairs seen in training.</summary>
    public int DistinctBigrams => _pairs.DistinctPairs;

    /// <summary>Cross-entropy of the untrained (uniform) model: log V nats per token.</summary>
    public double UniformLoss => Math.Log(_vocabularySize);

    /// <summary>Counts every bigram of <paramref name="document"/>, its first word after the start-of-document context.</summary>
    public void Train(ReadOnlySpan<int> document)
    {
        var context = StartIndex;
        foreach (var word in document)
        {
            if ((uint)word >= (uint)_vocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(document), word, $"Word ids must lie in [0, {_vocabularySize}).");
            }
            if (_pairs.Increment(context, word) == 1)
            {
                _contextFollowerTypes[context]++;
                if (_wordPrecederTypes[word]++ == 0)
                {
                    _wordsWithPreceders++;
                }
            }
            _contextTokens[context]++;
            context = word;
        }
        TrainedTokens += document.Length;
    }

    /// <summary>P(word | context), where context is the previous word or <see cref="DocumentStart"/>.</summary>
    public double Probability(int context, int word)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)word, (uint)_vocabularySize, nameof(word));
        if (context != DocumentStart)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)context, (uint)_vocabularySize, nameof(context));
        }
        return ProbabilityOf(context == DocumentStart ? StartIndex : context, word);
    }

    /// <summary>Mean −log P(word | previous word) over every token of <paramref name="documents"/>, in nats per token.</summary>
    public double CrossEntropy(IReadOnlyList<int[]> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        double negativeLogLikelihood = 0;
        long tokens = 0;
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Σ log p = log Π p: multiplying and taking one logarithm per run of tokens is several
            // times cheaper than one logarithm per token, and the floor keeps the product far from underflow.
            var product = 1.0;
            var context = StartIndex;
            foreach (var word in document)
            {
                product *= ProbabilityOf(context, word);
                if (product < ProductFloor)
                {
                    negativeLogLikelihood -= Math.Log(product);
                    product = 1.0;
                }
                context = word;
            }
            negativeLogLikelihood -= Math.Log(product);
            tokens += document.Length;
        }
        if (tokens == 0)
        {
            throw new ArgumentException("Held-out documents hold no tokens.", nameof(documents));
        }
        return negativeLogLikelihood / tokens;
    }

    /// <summary>
    /// Lets the next model trained on this thread reuse this one's pair table. The model is done: it must
    /// not be trained or asked again.
    /// </summary>
    internal void Recycle() => _pairs.Recycle();

    private int StartIndex => _vocabularySize;

    // Interpolated Kneser–Ney (Kneser & Ney 1995; Chen & Goodman 1998, eq. 26 with one discount):
    // P(w|v) = (max(c(v,w) − D, 0) + D·N1+(v•)·P_cont(w)) / c(v).
    private double ProbabilityOf(int context, int word)
    {
        var contextTokens = _contextTokens[context];
        var continuation = ContinuationProbability(word);
        if (contextTokens == 0)
        {
            return continuation;
        }
        var pairCount = _pairs.CountOf(context, word);
        var discounted = Math.Max(pairCount - Discount, 0.0);
        return (discounted + Discount * _contextFollowerTypes[context] * continuation) / contextTokens;
    }

    // Continuation probability N1+(•w)/N1+(••), itself absolutely discounted towards uniform 1/V so
    // that words never seen after any context keep a share of the mass.
    private double ContinuationProbability(int word)
    {
        var bigramTypes = _pairs.DistinctPairs;
        if (bigramTypes == 0)
        {
            return 1.0 / _vocabularySize;
        }
        var discounted = Math.Max(_wordPrecederTypes[word] - Discount, 0.0);
        return (discounted + Discount * _wordsWithPreceders / (double)_vocabularySize) / bigramTypes;
    }
}
