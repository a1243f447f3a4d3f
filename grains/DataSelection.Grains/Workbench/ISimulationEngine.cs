using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// The science a worker runs for a workbench request, as a service: the silo uses
/// <see cref="LabSimulationEngine"/>; fault tests put an engine that throws or stalls in its place.
/// </summary>
public interface ISimulationEngine
{
    /// <summary>Computes the outcome, reporting progress as it goes; honours <paramref name="cancellationToken"/>.</summary>
    SimulationOutcome Run(SimulationRequest request, Action<SimulationUpdate> report, CancellationToken cancellationToken);
}
