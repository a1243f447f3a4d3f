using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Tests.Randomness;

public class SeededRandomTests
{
    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        var a = new SeededRandom(42);
        var b = new SeededRandom(42);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void Different_seeds_give_different_sequences()
    {
        var a = new SeededRandom(1);
        var b = new SeededRandom(2);
        Assert.NotEqual(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void Uniform_doubles_have_the_mean_and_variance_of_the_unit_interval()
    {
        var random = new SeededRandom(7);
        const int n = 200_000;
        double sum = 0, sumSquares = 0;
        for (var i = 0; i < n; i++)
        {
            var x = random.NextDouble();
            Assert.InRange(x, 0.0, 1.0 - double.Epsilon);
            sum += x;
            sumSquares += x * x;
        }
        var mean = sum / n;
        var variance = sumSquares / n - mean * mean;
        // Standard error of the mean is sqrt(1/12/n) ≈ 0.00065; allow five of them.
        Assert.InRange(mean, 0.5 - 0.0033, 0.5 + 0.0033);
        Assert.InRange(variance, 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);
    }

    [Fact]
    public void Gaussian_deviates_have_zero_mean_and_unit_variance()
    {
        var random = new SeededRandom(11);
        const int n = 200_000;
        double sum = 0, sumSquares = 0;
        for (var i = 0; i < n; i++)
        {
            var x = random.NextGaussian();
            sum += x;
            sumSquares += x * x;
        }
        var mean = sum / n;
        var variance = sumSquares / n - mean * mean;
        Assert.InRange(mean, -0.012, 0.012);
        Assert.InRange(variance, 0.98, 1.02);
    }

    [Fact]
    public void Bounded_integers_cover_the_range_evenly()
    {
        var random = new SeededRandom(3);
        var counts = new int[10];
        const int n = 100_000;
        for (var i = 0; i < n; i++)
        {
            counts[random.NextInt(10)]++;
        }
        // Expected 10,000 each with standard deviation ≈ 95; allow six.
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 570, 10_000 + 570));
    }
}
