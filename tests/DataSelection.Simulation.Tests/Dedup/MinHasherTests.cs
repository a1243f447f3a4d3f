using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Tests.Dedup;

public class MinHasherTests
{
    /// <summary>Two sets of |A ∪ B| = 200 random 64-bit shingles sharing round(j·200) of them (so the Jaccard is exact).</summary>
    internal static (ulong[] A, ulong[] B, double Jaccard) PairWithJaccard(double j, SeededRandom random)
    {
        const int union = 200;
        var common = (int)Math.Round(j * union);
        var onlyA = (union - common) / 2;
        var onlyB = union - common - onlyA;
        var shared = Enumerable.Range(0, common).Select(_ => random.NextUInt64()).ToArray();
        var a = shared.Concat(Enumerable.Range(0, onlyA).Select(_ => random.NextUInt64())).ToArray();
        var b = shared.Concat(Enumerable.Range(0, onlyB).Select(_ => random.NextUInt64())).ToArray();
        return (a, b, (double)common / union);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void Minhash_agreement_matches_jaccard_within_binomial_bounds(double jaccard)
    {
        const int pairs = 300;
        var hasher = new MinHasher(128, seed: 11);
        var random = new SeededRandom(5);
        long agreements = 0;
        double exact = 0;
        for (var p = 0; p < pairs; p++)
        {
            var (a, b, j) = PairWithJaccard(jaccard, random);
            exact = j;
            agreements += MinHasher.Agreements(hasher.Sign(a), hasher.Sign(b));
        }
        // Each position agrees with probability J (Broder 1997): over n = 300·128 trials the pooled
        // rate is Binomial(n, J)/n with σ = √(J(1−J)/n) ≤ 0.0026; 5σ bounds a correct hasher and
        // catches any bias larger than ~1.3 points (a broken permutation family shows far more).
        var n = pairs * 128.0;
        var sigma = Math.Sqrt(exact * (1 - exact) / n);
        Assert.InRange(agreements / n, exact - 5 * sigma, exact + 5 * sigma);
    }

    [Fact]
    public void Signatures_are_identical_on_every_vector_path()
    {
        var random = new SeededRandom(3);
        foreach (var numPerm in new[] { 1, 7, 64, 128, 200, 256 })
        {
            var hasher = new MinHasher(numPerm, seed: 99);
            var scratch = new ulong[hasher.ScratchLength];
            foreach (var length in new[] { 1, 2, 5, 166, 1000 })
            {
                var shingles = Enumerable.Range(0, length).Select(_ => random.NextUInt64()).ToArray();
                var expected = new uint[numPerm];
                hasher.Sign(shingles, expected, scratch, MinHashPath.Scalar);
                foreach (var path in Enum.GetValues<MinHashPath>().Where(MinHasher.IsSupported))
                {
                    var actual = new uint[numPerm];
                    hasher.Sign(shingles, actual, scratch, path);
                    Assert.Equal(expected, actual);
                }
            }
        }
    }

    [Fact]
    public void Scalar_signature_follows_the_documented_arithmetic()
    {
        var hasher = new MinHasher(4, seed: 1);
        var random = new SeededRandom(1);
        var a = new ulong[4];
        var b = new ulong[4];
        for (var i = 0; i < 4; i++)
        {
            a[i] = 1 + random.NextUInt64() % (MinHasher.MersennePrime - 1);
            b[i] = random.NextUInt64() % MinHasher.MersennePrime;
        }
        ulong[] shingles = [12345, ulong.MaxValue, 1UL << 63];
        var signature = hasher.Sign(shingles);
        for (var i = 0; i < 4; i++)
        {
            // (a·h + b) mod 2⁶⁴, then mod (2⁶¹ − 1) by 128-bit arithmetic, then the top 32 of 61 bits.
            var minimum = shingles.Min(h => (ulong)((UInt128)unchecked(a[i] * h + b[i]) % MinHasher.MersennePrime));
            Assert.Equal((uint)(minimum >> 29), signature[i]);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_permutations_and_another_seed_does_not()
    {
        ulong[] shingles = [1, 2, 3, 4, 5];
        Assert.Equal(new MinHasher(128, 7).Sign(shingles), new MinHasher(128, 7).Sign(shingles));
        Assert.NotEqual(new MinHasher(128, 7).Sign(shingles), new MinHasher(128, 8).Sign(shingles));
    }
}
