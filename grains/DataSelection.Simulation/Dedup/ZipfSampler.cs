using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// Draws ranks 0…n−1 with P(rank k) ∝ 1/(k+1)^s (Zipf's law) in constant time with Vose's alias
/// method (Vose 1991), so generating a corpus costs a few nanoseconds per token.
/// </summary>
internal sealed class ZipfSampler
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    public ZipfSampler(int size, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var weights = new double[size];
        var total = 0.0;
        for (var k = 0; k < size; k++)
        {
            // Zipf's law: frequency of the word of rank k+1 ∝ 1/(k+1)^s.
            weights[k] = Math.Pow(k + 1, -exponent);
            total += weights[k];
        }
        _probability = new double[size];
        _alias = new int[size];
        var scaled = new double[size];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var k = size - 1; k >= 0; k--)
        {
            scaled[k] = weights[k] / total * size;
            (scaled[k] < 1.0 ? small : large).Push(k);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            var less = small.Pop();
            var more = large.Pop();
            _probability[less] = scaled[less];
            _alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1.0;
            (scaled[more] < 1.0 ? small : large).Push(more);
        }
        while (large.Count > 0)
        {
            _probability[large.Pop()] = 1.0;
        }
        while (small.Count > 0)
        {
            // Only rounding leaves entries here; they are full columns.
            _probability[small.Pop()] = 1.0;
        }
    }

    public int Sample(SeededRandom random)
    {
        var u = random.NextDouble() * _probability.Length;
        var column = (int)u;
        return u - column < _probability[column] ? column : _alias[column];
    }
}
