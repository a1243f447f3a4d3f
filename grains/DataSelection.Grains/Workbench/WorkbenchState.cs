using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>What a workbench keeps: its latest recorded run, result included, so a page can redraw after a reconnect.</summary>
[GenerateSerializer, Alias("ds.WorkbenchState")]
public sealed class WorkbenchState
{
    [Id(0)] public RunResult? Latest { get; set; }
}
