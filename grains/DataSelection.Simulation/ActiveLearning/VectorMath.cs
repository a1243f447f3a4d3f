using System.Runtime.Intrinsics;

namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// The two inner loops of training and scoring, four lanes at a time. The width is fixed at 256
/// bits (not Vector&lt;T&gt;, whose width varies by machine) and lanes are summed in a fixed order,
/// so every node gets bit-identical results.
/// </summary>
internal static class VectorMath
{
    private const int Lanes = 4;

    /// <summary>Σ a_i·b_i over the length of <paramref name="a"/>.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        var acc = Vector256<double>.Zero;
        for (; i <= a.Length - Lanes; i += Lanes)
        {
            acc += Vector256.Create(a.Slice(i, Lanes)) * Vector256.Create(b.Slice(i, Lanes));
        }
        var sum = acc.GetElement(0) + acc.GetElement(1) + (acc.GetElement(2) + acc.GetElement(3));
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /// <summary>target += scale·source, element by element.</summary>
    public static void AddScaled(Span<double> target, double scale, ReadOnlySpan<double> source)
    {
        var i = 0;
        var s = Vector256.Create(scale);
        for (; i <= target.Length - Lanes; i += Lanes)
        {
            (Vector256.Create(target.Slice(i, Lanes)) + s * Vector256.Create(source.Slice(i, Lanes))).CopyTo(target.Slice(i, Lanes));
        }
        for (; i < target.Length; i++)
        {
            target[i] += scale * source[i];
        }
    }
}
