using System.Collections.Concurrent;

namespace DataSelection.Simulation.Dedup;

/// <summary>One point of the LSH S-curve: the probability that a pair of similarity s becomes a candidate.</summary>
public sealed record SCurvePoint(double Similarity, double CandidateProbability);

/// <summary>
/// LSH banding: the signature's first <see cref="Bands"/>·<see cref="Rows"/> values cut into
/// b bands of r rows; two documents become candidates when any band agrees entirely.
/// </summary>
public sealed record BandPlan(int Bands, int Rows)
{
    // Composite Simpson's rule over each integral; 200 intervals put the quadrature error far below
    // the differences between neighbouring (b, r) choices (1,000 intervals pick the same optimum for
    // every threshold 0.05–0.95 at 64, 128 and 256 permutations) at a fifth of the cost.
    private const int IntegrationIntervals = 200;

    // The search evaluates ~700 plans; a workbench moving its threshold slider asks again and again.
    private static readonly ConcurrentDictionary<(double, int, double, double), BandPlan> OptimalPlans = new();

    /// <summary>Signature positions the plan uses (b·r).</summary>
    public int UsedPermutations => Bands * Rows;

    /// <summary>The rule-of-thumb threshold (1/b)^(1/r) where the S-curve is steepest.</summary>
    public double ApproximateThreshold => Math.Pow(1.0 / Bands, 1.0 / Rows);

    /// <summary>
    /// The similarity at which the S-curve reaches <paramref name="probability"/>, by bisection on the
    /// monotone curve (for 5 × 25, P = 0.5 at s ≈ 0.92 where the rule of thumb says 0.94).
    /// </summary>
    public double SimilarityAt(double probability)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        double low = 0.0, high = 1.0;
        // 60 halvings take the bracket below double precision.
        for (var i = 0; i < 60; i++)
        {
            var middle = (low + high) / 2;
            if (CandidateProbability(middle) < probability)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /// <summary>P[candidate | s] = 1 − (1 − s^r)^b (Leskovec, Rajaraman &amp; Ullman, Mining of Massive Datasets, ch. 3).</summary>
    public double CandidateProbability(double similarity) =>
        1.0 - Math.Pow(1.0 - Math.Pow(similarity, Rows), Bands);

    /// <summary>The S-curve sampled at <paramref name="points"/> evenly spaced similarities from 0 to 1.</summary>
    public SCurvePoint[] SCurve(int points = 101)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var curve = new SCurvePoint[points];
        for (var i = 0; i < points; i++)
        {
            var s = (double)i / (points - 1);
            curve[i] = new SCurvePoint(s, CandidateProbability(s));
        }
        return curve;
    }

    /// <summary>Weighted false-positive area ∫₀ᵗ P(s) ds plus false-negative area ∫ₜ¹ (1 − P(s)) ds.</summary>
    public double Error(double threshold, double falsePositiveWeight = 0.5, double falseNegativeWeight = 0.5) =>
        falsePositiveWeight * Integrate(CandidateProbability, 0.0, threshold)
        + falseNegativeWeight * Integrate(s => 1.0 - CandidateProbability(s), threshold, 1.0);

    /// <summary>
    /// The (b, r) with b·r ≤ <paramref name="numPerm"/> that minimises <see cref="Error"/>, searched as
    /// datasketch does (b outer, r inner, first strict minimum wins). 0.9 with 128 permutations gives 5 × 25.
    /// </summary>
    public static BandPlan Optimal(double threshold, int numPerm, double falsePositiveWeight = 0.5, double falseNegativeWeight = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(numPerm, 1);
        return OptimalPlans.GetOrAdd((threshold, numPerm, falsePositiveWeight, falseNegativeWeight), key => Search(key.Item1, key.Item2, key.Item3, key.Item4));
    }

    /// <summary>
    /// Every plan's <see cref="Error"/> on the same Simpson nodes, without a power function: for each r the nodes'
    /// s^r grow by one multiplication, and for each b the miss probability (1 − s^r)^b by another, so the whole
    /// table costs what one plan's integrals did with <see cref="Math.Pow"/>. The table is then scanned b outer,
    /// r inner, so the first strict minimum is the one the plan-by-plan search found.
    /// </summary>
    private static BandPlan Search(double threshold, int numPerm, double falsePositiveWeight, double falseNegativeWeight)
    {
        var below = SimpsonNodes(0.0, threshold);
        var above = SimpsonNodes(threshold, 1.0);
        var errors = new double[numPerm + 1][];
        for (var b = 1; b <= numPerm; b++)
        {
            errors[b] = new double[numPerm / b + 1];
        }

        var belowPower = Ones(below.Nodes.Length);
        var abovePower = Ones(above.Nodes.Length);
        var belowMiss = new double[below.Nodes.Length];
        var aboveMiss = new double[above.Nodes.Length];
        var belowAllMiss = new double[below.Nodes.Length];
        var aboveAllMiss = new double[above.Nodes.Length];
        for (var r = 1; r <= numPerm; r++)
        {
            // s^r, and the probability that one band of r rows misses: 1 − s^r.
            Advance(belowPower, below.Nodes, belowMiss);
            Advance(abovePower, above.Nodes, aboveMiss);
            Array.Fill(belowAllMiss, 1.0);
            Array.Fill(aboveAllMiss, 1.0);
            for (var b = 1; b <= numPerm / r; b++)
            {
                // (1 − s^r)^b: every band misses; the candidate probability is its complement.
                var falsePositive = 0.0;
                for (var i = 0; i < belowAllMiss.Length; i++)
                {
                    belowAllMiss[i] *= belowMiss[i];
                    falsePositive += below.Weights[i] * (1.0 - belowAllMiss[i]);
                }
                var falseNegative = 0.0;
                for (var i = 0; i < aboveAllMiss.Length; i++)
                {
                    aboveAllMiss[i] *= aboveMiss[i];
                    falseNegative += above.Weights[i] * aboveAllMiss[i];
                }
                errors[b][r] = falsePositiveWeight * falsePositive + falseNegativeWeight * falseNegative;
            }
        }

        var best = new BandPlan(1, 1);
        var bestError = double.MaxValue;
        for (var b = 1; b <= numPerm; b++)
        {
            for (var r = 1; r <= numPerm / b; r++)
            {
                if (errors[b][r] < bestError)
                {
                    bestError = errors[b][r];
                    best = new BandPlan(b, r);
                }
            }
        }
        return best;
    }

    private static void Advance(double[] power, double[] nodes, double[] miss)
    {
        for (var i = 0; i < power.Length; i++)
        {
            power[i] *= nodes[i];
            miss[i] = 1.0 - power[i];
        }
    }

    private static double[] Ones(int length)
    {
        var ones = new double[length];
        Array.Fill(ones, 1.0);
        return ones;
    }

    /// <summary>Composite Simpson's rule on [from, to] as nodes and weights (h/3 folded in); none when the interval is empty.</summary>
    private static (double[] Nodes, double[] Weights) SimpsonNodes(double from, double to)
    {
        if (to <= from)
        {
            return ([], []);
        }
        var h = (to - from) / IntegrationIntervals;
        var nodes = new double[IntegrationIntervals + 1];
        var weights = new double[IntegrationIntervals + 1];
        for (var i = 0; i <= IntegrationIntervals; i++)
        {
            nodes[i] = i == IntegrationIntervals ? to : from + i * h;
            weights[i] = (i == 0 || i == IntegrationIntervals ? 1.0 : i % 2 == 1 ? 4.0 : 2.0) * h / 3.0;
        }
        return (nodes, weights);
    }

    private static double Integrate(Func<double, double> f, double from, double to)
    {
        var (nodes, weights) = SimpsonNodes(from, to);
        var sum = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            sum += weights[i] * f(nodes[i]);
        }
        return sum;
    }
}
