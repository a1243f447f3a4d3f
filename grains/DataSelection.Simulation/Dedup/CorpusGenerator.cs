using System.Text;
using System.Text.Json;
using DataSelection.Simulation.Randomness;
using DataSelection.Simulation.Reuse;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// Generates a Part 1 corpus with known near-duplicates: documents drawn from a Zipf vocabulary with
/// topics, then near-copies of some sources made by token edits, with heavy-tailed cluster sizes
/// (a few sources copied very often, as Lee et al. 2021 found in C4), shuffled into training order.
/// </summary>
public static class CorpusGenerator
{
    // Share of a document's words drawn from its topic's own ranking of the vocabulary; the rest
    // come from the global Zipf ranking (function words every topic shares).
    private const double TopicShare = 0.6;

    // Document lengths are log-normal around the scenario's mean; σ = 0.35 gives the moderate
    // spread of web paragraphs without very short fragments.
    private const double LengthSigma = 0.35;

    // Documents are never shorter than this, so every one has a few shingles.
    private const int MinimumTokens = 8;

    // Each near-copy edits at its own rate, uniform in [0, 2·EditRate]: the mean is the scenario's
    // rate, and the spread gives the page copies on both sides of any threshold.
    private const double EditRateSpread = 2.0;

    // One vocabulary per size asked for (each track has its own), a few kept: a class spread over the
    // four tracks would otherwise rebuild the words on nearly every run.
    private static readonly BoundedMemo<int, VocabularyText> Vocabularies = new(MaxVocabularies);

    private const int MaxVocabularies = 8;

    private const string Consonants = "bcdfghjklmnpqrstvwxz";
    private const string Vowels = "aeiou";
    private const int Syllables = 100;   // Consonants.Length · Vowels.Length.

    /// <summary>
    /// Generates <paramref name="documents"/> training documents (sources plus near-copies, shuffled)
    /// and the scenario's held-out clean documents, deterministically from <paramref name="seed"/>.
    /// </summary>
    /// <remarks>
    /// round(RedundancyFraction·N) documents are near-copies. Each duplicated source gets k copies
    /// with P(k) ∝ k^−α (α = ClusterSizeExponent), drawn as ⌊U^(−1/(α−1))⌋, until the copy budget is spent.
    /// </remarks>
    public static GeneratedCorpus Generate(DedupScenario scenario, int documents, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfLessThan(documents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scenario.RedundancyFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(scenario.RedundancyFraction, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(scenario.ClusterSizeExponent, 1.0);

        var zipf = new ZipfSampler(scenario.VocabularySize, scenario.ZipfExponent);
        var topics = BuildTopics(scenario, SeededRandom.Mix(seed, 1));

        var copies = Math.Min(documents - 1, (int)Math.Round(scenario.RedundancyFraction * documents));
        var originals = documents - copies;
        var clusterCopies = PlanClusters(copies, originals, scenario.ClusterSizeExponent, new SeededRandom(SeededRandom.Mix(seed, 2)));

        var originalsSeed = SeededRandom.Mix(seed, 3);
        var all = new List<(int[] Tokens, int Source)>(documents);
        for (var j = 0; j < originals; j++)
        {
            CheckCancellation(j, cancellationToken);
            all.Add((Original(scenario, zipf, topics, SeededRandom.ForStream(originalsSeed, (ulong)j)), j));
        }
        var copiesSeed = SeededRandom.Mix(seed, 4);
        var copyIndex = 0UL;
        for (var source = 0; source < clusterCopies.Length; source++)
        {
            for (var c = 0; c < clusterCopies[source]; c++)
            {
                CheckCancellation((int)copyIndex, cancellationToken);
                var random = SeededRandom.ForStream(copiesSeed, copyIndex++);
                all.Add((NearCopy(all[source].Tokens, scenario.EditRate, zipf, random), source));
            }
        }

        // Training order: a seeded shuffle spreads copies through the stream.
        var order = new int[all.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        new SeededRandom(SeededRandom.Mix(seed, 5)).Shuffle(order.AsSpan());
        var position = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            position[order[i]] = i;
        }
        var training = new CorpusDocument[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var (tokens, source) = all[order[i]];
            training[i] = new CorpusDocument(i, tokens, position[source]);
        }

        var heldOutSeed = SeededRandom.Mix(seed, 6);
        var heldOut = new CorpusDocument[scenario.HeldOutDocuments];
        for (var j = 0; j < heldOut.Length; j++)
        {
            heldOut[j] = new CorpusDocument(j, Original(scenario, zipf, topics, SeededRandom.ForStream(heldOutSeed, (ulong)j)), j);
        }
        return new GeneratedCorpus(training, heldOut, scenario.VocabularySize);
    }

    /// <summary>
    /// A stable pseudo-word for a token id: consonant–vowel syllables encoding the id, shortest for the
    /// most frequent ids (0–99: one syllable, next 10,000: two, and so on), so text looks word-like.
    /// </summary>
    public static string WordFor(int tokenId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokenId);
        var syllables = 1;
        long rest = tokenId;
        long span = Syllables;
        while (rest >= span)
        {
            rest -= span;
            span *= Syllables;
            syllables++;
        }
        var word = new StringBuilder(2 * syllables);
        for (var s = 0; s < syllables; s++)
        {
            span /= Syllables;
            var syllable = (int)(rest / span);
            rest %= span;
            word.Append(Consonants[syllable / Vowels.Length]).Append(Vowels[syllable % Vowels.Length]);
        }
        return word.ToString();
    }

    /// <summary>UTF-8 bytes of <see cref="WordFor"/> for every id below <paramref name="vocabularySize"/>.</summary>
    public static byte[][] VocabularyUtf8(int vocabularySize) =>
        Array.ConvertAll(CachedVocabulary(vocabularySize).Utf8, word => (byte[])word.Clone());

    /// <summary>
    /// The token hash of every vocabulary word, exactly as <see cref="TokenHasher"/> hashes its text,
    /// so the generated corpus and its JSONL text have the same signatures.
    /// </summary>
    public static ulong[] VocabularyHashes(int vocabularySize) => (ulong[])CachedVocabulary(vocabularySize).Hashes.Clone();

    /// <summary>
    /// The words and hashes of a vocabulary, shared read-only inside the library: built once per size
    /// (a track's corpus re-run at new settings asks for the same one every time).
    /// </summary>
    internal static VocabularyText CachedVocabulary(int vocabularySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vocabularySize);
        return Vocabularies.GetOrCompute(vocabularySize, static size =>
        {
            var words = new byte[size][];
            var hashes = new ulong[size];
            for (var id = 0; id < size; id++)
            {
                words[id] = Encoding.UTF8.GetBytes(WordFor(id));
                hashes[id] = TokenHasher.Hash(words[id]);
            }
            return new VocabularyText(words, hashes);
        });
    }

    /// <summary>
    /// Writes documents as JSON Lines, one <c>{"id": "doc-N", "text": "w1 w2 …"}</c> object per line,
    /// words separated by single spaces.
    /// </summary>
    public static void WriteJsonl(IEnumerable<CorpusDocument> documents, int vocabularySize, Stream output)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        var words = CachedVocabulary(vocabularySize).Utf8;
        var text = new byte[4096];
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = false });
        foreach (var document in documents)
        {
            var length = 0;
            foreach (var token in document.Tokens)
            {
                var word = words[token];
                if (length + word.Length + 1 > text.Length)
                {
                    Array.Resize(ref text, text.Length * 2);
                }
                if (length > 0)
                {
                    text[length++] = (byte)' ';
                }
                word.CopyTo(text, length);
                length += word.Length;
            }
            writer.WriteStartObject();
            writer.WriteString("id"u8, "doc-" + document.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("text"u8, text.AsSpan(0, length));
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            output.WriteByte((byte)'\n');
        }
    }

    private static void CheckCancellation(int index, CancellationToken cancellationToken)
    {
        // Every 256 documents: well under a millisecond of generation between checks.
        if (index % 256 == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static int[][] BuildTopics(DedupScenario scenario, ulong seed)
    {
        var topics = new int[scenario.Topics][];
        for (var t = 0; t < topics.Length; t++)
        {
            // Each topic ranks the vocabulary in its own order: its most likely words differ.
            var ranking = new int[scenario.VocabularySize];
            for (var k = 0; k < ranking.Length; k++)
            {
                ranking[k] = k;
            }
            SeededRandom.ForStream(seed, (ulong)t).Shuffle(ranking.AsSpan());
            topics[t] = ranking;
        }
        return topics;
    }

    private static int[] PlanClusters(int copies, int originals, double exponent, SeededRandom random)
    {
        var sizes = new List<int>();
        var remaining = copies;
        while (remaining > 0 && sizes.Count < originals)
        {
            // Discrete power law P(k) ∝ k^−α by inverse transform of the continuous Pareto tail.
            var u = 1.0 - random.NextDouble();
            var k = Math.Floor(Math.Pow(u, -1.0 / (exponent - 1.0)));
            var size = (int)Math.Min(k, remaining);
            sizes.Add(size);
            remaining -= size;
        }
        var result = sizes.ToArray();
        while (remaining > 0)
        {
            // Only when there are more copies than sources: spread the rest over existing clusters.
            result[random.NextInt(result.Length)]++;
            remaining--;
        }
        return result;
    }

    private static int[] Original(DedupScenario scenario, ZipfSampler zipf, int[][] topics, SeededRandom random)
    {
        var mu = Math.Log(scenario.MeanTokensPerDocument) - LengthSigma * LengthSigma / 2.0;   // Log-normal with the requested mean.
        var length = Math.Max(MinimumTokens, (int)Math.Round(Math.Exp(random.NextGaussian(mu, LengthSigma))));
        var topic = topics[random.NextInt(topics.Length)];
        var tokens = new int[length];
        for (var i = 0; i < length; i++)
        {
            var rank = zipf.Sample(random);
            tokens[i] = random.NextBool(TopicShare) ? topic[rank] : rank;
        }
        return tokens;
    }

    private static int[] NearCopy(int[] source, double editRate, ZipfSampler zipf, SeededRandom random)
    {
        var rate = editRate * EditRateSpread * random.NextDouble();
        var copy = new List<int>(source.Length + 8);
        foreach (var token in source)
        {
            if (!random.NextBool(rate))
            {
                copy.Add(token);
                continue;
            }
            switch (random.NextInt(3))
            {
                case 0:   // Substitute.
                    copy.Add(zipf.Sample(random));
                    break;
                case 1:   // Insert a word after this one.
                    copy.Add(token);
                    copy.Add(zipf.Sample(random));
                    break;
                default:  // Delete.
                    break;
            }
        }
        if (copy.Count == 0)
        {
            copy.Add(source[0]);
        }
        return [.. copy];
    }
}

/// <summary>Every word of a generated vocabulary as UTF-8 bytes, and its token hash.</summary>
internal sealed record VocabularyText(byte[][] Utf8, ulong[] Hashes);
