using System.Globalization;
using DataSelection.Contracts.Workbench;
using DataSelection.Simulation.DomainGap;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Tracks;

namespace DataSelection.Grains.Simulations;

/// <summary>Part 3's workbench run: the student's mix, and the sweep over every mix at the same intensity.</summary>
internal static class DomainGapRunner
{
    public static SimulationOutcome Run(
        TrackScenario track,
        DomainGapSettings settings,
        ulong seed,
        Action<SimulationUpdate> report,
        CancellationToken cancellationToken)
    {
        var run = DomainGapSimulation.Run(track.DomainGap, new DomainGapParameters(settings.Mix, settings.Intensity, seed), cancellationToken: cancellationToken);
        report(new SimulationUpdate("mix", 0.1, LabJson.Serialize(run)));
        var progress = new SynchronousProgress<SimulationProgress<DomainGapResult>>(p =>
            report(new SimulationUpdate(p.Stage, 0.1 + 0.9 * p.Fraction, p.Partial is null ? null : LabJson.Serialize(p.Partial))));
        var sweep = DomainGapSimulation.Sweep(track.DomainGap, settings.Intensity, seed, progress, cancellationToken);
        var result = new DomainGapWorkbenchResult(run, sweep, track.DomainGap.AccuracyTarget, track.DomainGap.SafetyTarget, track.DomainGap.FidThreshold);
        return new SimulationOutcome(LabJson.Serialize(result), Summarize(run));
    }

    private static RunSummary Summarize(DomainGapResult run)
    {
        var headline = string.Create(CultureInfo.InvariantCulture,
            $"{run.MixRatio:P0} synthetic, intensity {run.RandomizationIntensity:0.00}: accuracy {run.Accuracy:P1}, rain safety {run.SafetyAccuracy:P1}, " +
            $"FID {run.TrainingFid:0.00}; challenge {(run.StakeholderChallengeMet ? "met" : "not met")}");
        return new SummaryBuilder()
            .Add("mix", run.MixRatio)
            .Add("intensity", run.RandomizationIntensity)
            .Add("accuracy", run.Accuracy)
            .Add("safety", run.SafetyAccuracy)
            .Add("fid", run.TrainingFid)
            .Add("challengeMet", run.StakeholderChallengeMet)
            .Build(headline, run.Accuracy * 100);
    }
}

/// <summary>What Part 3's workbench draws: the student's mix, every mix at the same intensity, and the Safety Lead's targets.</summary>
public sealed record DomainGapWorkbenchResult(
    DomainGapResult Run,
    MixSweep Sweep,
    double AccuracyTarget,
    double SafetyTarget,
    double FidThreshold);
