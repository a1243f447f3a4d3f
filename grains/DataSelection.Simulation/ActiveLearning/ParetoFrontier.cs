namespace DataSelection.Simulation.ActiveLearning;

/// <summary>One (total cost, accuracy) point of a run, for the Accuracy vs. Labeling Cost plot.</summary>
public sealed record ParetoPoint(SamplingStrategy Strategy, int Labels, double TotalCostUsd, double Accuracy);

/// <summary>The points no other point beats on both cost and accuracy: the ROI frontier of expert labels.</summary>
public static class ParetoFrontier
{
    /// <summary>
    /// The non-dominated points (no other point costs no more and is at least as accurate, with
    /// one of the two strictly better), sorted by cost ascending, so accuracy rises strictly
    /// along the frontier. Of exact duplicates the first in (cost, −accuracy, strategy, labels) order is kept.
    /// </summary>
    public static IReadOnlyList<ParetoPoint> Of(IEnumerable<ParetoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points
            .OrderBy(p => p.TotalCostUsd)
            .ThenByDescending(p => p.Accuracy)
            .ThenBy(p => p.Strategy)
            .ThenBy(p => p.Labels);
        var frontier = new List<ParetoPoint>();
        foreach (var point in ordered)
        {
            // Everything before this point is cheaper or equally cheap; it survives only by being more accurate than all of them.
            if (frontier.Count == 0 || point.Accuracy > frontier[^1].Accuracy)
            {
                frontier.Add(point);
            }
        }
        return frontier;
    }

    /// <summary>The frontier over every round of the given curves.</summary>
    public static IReadOnlyList<ParetoPoint> Of(params ActiveLearningCurve[] curves) =>
        Of(curves.SelectMany(c => c.Rounds).Select(r => new ParetoPoint(r.Strategy, r.Labels, r.TotalCostUsd, r.Accuracy)));
}
