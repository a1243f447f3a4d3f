using DataSelection.Simulation.Icr;

namespace DataSelection.Simulation.Audit;

/// <summary>What Part 1 reports while it runs: how far signing got, then each ICR checkpoint as it is measured.</summary>
public sealed record AuditPartial(int? DocumentsSigned, IcrCheckpoint? Checkpoint);
