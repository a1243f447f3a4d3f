using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Workbench;

/// <summary>The measured answer to one track's lock question for one part, computed once per activation (it is deterministic).</summary>
public sealed class LabOutcomeGrain : Grain, ILabOutcomeGrain
{
    private Task<MeasuredOutcome>? _measuring;

    public Task<MeasuredOutcome> Measure()
    {
        if (_measuring is null || _measuring.IsFaulted || _measuring.IsCanceled)
        {
            var (track, part) = LabOutcomeKey.Parse(this.GetPrimaryKeyString());
            _measuring = GrainFactory.GetGrain<ISimulationWorkerGrain>(0).MeasureOutcome(track, part);
        }
        return _measuring;
    }
}
