using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Simulations;

namespace DataSelection.Grains.Workbench;

/// <summary>The lab's own simulations (<see cref="LabSimulations"/>): the engine every silo runs.</summary>
public sealed class LabSimulationEngine : ISimulationEngine
{
    public SimulationOutcome Run(SimulationRequest request, Action<SimulationUpdate> report, CancellationToken cancellationToken) =>
        LabSimulations.Run(request, report, cancellationToken);
}
