using DataSelection.Simulation.ActiveLearning;
using DataSelection.Simulation.Costs;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.DomainGap;
using DataSelection.Simulation.Quality;

namespace DataSelection.Simulation.Tracks;

/// <summary>
/// Everything that makes one track's lab its own: the numbers behind each part's simulation and
/// the prices its costs are counted in. Only <see cref="TrackCatalog"/> creates these.
/// </summary>
/// <param name="Id">The track's id in the lab's words, e.g. <c>cloud-titan</c>.</param>
/// <param name="Name">Display name, e.g. "Cloud Titan".</param>
public sealed record TrackScenario(
    string Id,
    string Name,
    DedupScenario Dedup,
    ActiveLearningScenario ActiveLearning,
    DomainGapScenario DomainGap,
    QualityScenario Quality,
    ComputePrices Prices);
