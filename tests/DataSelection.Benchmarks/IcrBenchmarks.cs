using BenchmarkDotNet.Attributes;
using DataSelection.Simulation.Icr;
using DataSelection.Simulation.Randomness;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Benchmarks;

/// <summary>
/// The whole ICR curve (two models trained, both evaluated at every checkpoint) at the lab's
/// default size: Cloud Titan's 4,000 documents × 170 tokens, V = 20,000, 400 held-out documents.
/// </summary>
[MemoryDiagnoser]
public class IcrBenchmarks
{
    private int[][] _training = [];
    private bool[] _kept = [];
    private int[][] _heldOut = [];

    [Params(0.0, 0.5)]
    public double Redundancy { get; set; }

    [Params(10)]
    public int Checkpoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = TrackCatalog.CloudTitan.Dedup;
        var language = new BenchmarkLanguage(scenario.VocabularySize, scenario.ZipfExponent, seed: 1);
        var random = new SeededRandom(2);
        _training = new int[scenario.Documents][];
        _kept = new bool[scenario.Documents];
        for (var i = 0; i < _training.Length; i++)
        {
            if (i > 0 && random.NextBool(Redundancy))
            {
                // A near-copy of an earlier document: the same text with a few words substituted.
                var copy = (int[])_training[random.NextInt(i)].Clone();
                for (var t = 0; t < copy.Length; t++)
                {
                    if (random.NextBool(scenario.EditRate))
                    {
                        copy[t] = language.Word(random);
                    }
                }
                _training[i] = copy;
            }
            else
            {
                _training[i] = language.Document(random, scenario.MeanTokensPerDocument);
                _kept[i] = true;
            }
        }
        _heldOut = Enumerable.Range(0, scenario.HeldOutDocuments).Select(_ => language.Document(random, scenario.MeanTokensPerDocument)).ToArray();
    }

    [Benchmark]
    public IcrCurveResult MeasureCurve()
    {
        var track = TrackCatalog.CloudTitan;
        return IcrCurve.Measure(_training, _kept, _heldOut, track.Dedup.VocabularySize, track.Dedup with { IcrCheckpoints = Checkpoints }, track.Prices);
    }

    /// <summary>Zipf words where each word prefers a few followers, so a bigram model has something to learn.</summary>
    private sealed class BenchmarkLanguage
    {
        private readonly double[] _cumulative;
        private readonly int[][] _followers;

        public BenchmarkLanguage(int vocabularySize, double zipfExponent, ulong seed)
        {
            _cumulative = new double[vocabularySize];
            double total = 0;
            for (var k = 0; k < vocabularySize; k++)
            {
                total += Math.Pow(k + 1, -zipfExponent);
                _cumulative[k] = total;
            }
            for (var k = 0; k < vocabularySize; k++)
            {
                _cumulative[k] /= total;
            }
            var random = new SeededRandom(seed);
            _followers = Enumerable.Range(0, vocabularySize).Select(_ => new[] { Word(random), Word(random), Word(random), Word(random) }).ToArray();
        }

        public int Word(SeededRandom random)
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
        }

        public int[] Document(SeededRandom random, int length)
        {
            var tokens = new int[length];
            tokens[0] = Word(random);
            for (var t = 1; t < length; t++)
            {
                tokens[t] = random.NextBool(0.6) ? _followers[tokens[t - 1]][random.NextInt(4)] : Word(random);
            }
            return tokens;
        }
    }
}
