using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Simulations;

/// <summary>Runs the simulation behind a part's workbench: Part 1 the deduplication audit, Part 2 active learning, Part 3 the domain gap.</summary>
public static class LabSimulations
{
    public static SimulationOutcome Run(SimulationRequest request, Action<SimulationUpdate> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        var track = LabCatalog.ScenarioFor(request.Track);
        return request.Settings switch
        {
            DedupSettings dedup => DeduplicationAuditRunner.Run(track, dedup, request.Seed, report, cancellationToken),
            ActiveLearningSettings activeLearning => ActiveLearningRunner.Run(track, activeLearning, request.Seed, report, cancellationToken),
            DomainGapSettings domainGap => DomainGapRunner.Run(track, domainGap, request.Seed, report, cancellationToken),
            _ => throw new ArgumentException($"No simulation for {request.Settings.GetType().Name}.", nameof(request)),
        };
    }
}
