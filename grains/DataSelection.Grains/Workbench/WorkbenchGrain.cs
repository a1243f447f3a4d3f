using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Hosting;
using Microsoft.Extensions.Logging;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// One student's workbench for one part. A run asks the student grain whether it may start,
/// takes the result from the cohort-wide cache or has it computed (pushing progress to the
/// student's page), and has the student grain record it in the Ledger and push it; only then it
/// answers. A newer run cancels the one in flight, which answers <see cref="LabRule.Superseded"/>
/// and is not counted. The workbench stores nothing: the student's record names the latest run's
/// settings, and the cohort cache keeps each setting's result.
/// </summary>
public sealed partial class WorkbenchGrain(SiloResults siloResults, ILogger<WorkbenchGrain> logger) : Grain, IWorkbenchGrain
{
    private CancellationTokenSource? _inFlight;
    private string? _track;

    public async Task<RunResult> Run(WorkbenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (studentKey, part) = StudentKey.ParseWorkbench(this.GetPrimaryKeyString());
        if (settings.Part != part)
        {
            throw new LabRuleException(LabRule.InvalidInput, $"These settings are for part {settings.Part}, not part {part}.");
        }
        var student = GrainFactory.GetGrain<IStudentGrain>(studentKey);

        var previous = _inFlight;
        using var run = new CancellationTokenSource();
        _inFlight = run;
        await (previous?.CancelAsync() ?? Task.CompletedTask);
        var runId = Guid.NewGuid().ToString("N");
        var recording = false;
        try
        {
            SimulationOutcome outcome;
            bool fromCache;
            if (_track is { } known && siloResults.TryGet(new SimulationRequest(known, settings, LabCatalog.LabSeed).CacheKey(), out var held))
            {
                // Cached on this silo: the student grain checks the rules as it records, one call for the whole run.
                (outcome, fromCache) = (held, true);
                SimulationMetrics.LookedUp(hit: true);
            }
            else
            {
                var track = _track = await student.BeginRun(part);
                var request = new SimulationRequest(track, settings, LabCatalog.LabSeed);
                (outcome, fromCache) = await GrainFactory.GetGrain<ISimulationCacheGrain>(request.CacheKey())
                    .GetOrCompute(request, new RunRoute(studentKey, part, runId), run.Token);
            }
            run.Token.ThrowIfCancellationRequested();

            // Counted once the Ledger has it. A failure from here on is not a failed simulation: it passes on as it is.
            recording = true;
            var record = await student.RecordRun(part, runId, settings, outcome.Summary, fromCache, outcome.ResultJson);
            return Result(part, record, outcome.ResultJson);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            throw new LabRuleException(LabRule.Superseded, "A newer run from you replaced this one; it was stopped and not counted.");
        }
        catch (Exception e) when (e is not LabRuleException && !recording)
        {
            LogRunFailed(logger, e, runId, studentKey, part);
            await student.Publish(new StudentEvent(studentKey, StudentEvent.RunFailed, part, runId, "failed", 1.0, null));
            throw new LabRuleException(LabRule.RunFailed, "The simulation failed on the server; this run was not counted. Run it again.");
        }
        finally
        {
            if (ReferenceEquals(_inFlight, run))
            {
                _inFlight = null;
            }
        }
    }

    /// <summary>The latest recorded run, its result answered by the cohort cache (computed again if the cache dropped it).</summary>
    public async Task<RunResult?> GetLatest()
    {
        var (studentKey, part) = StudentKey.ParseWorkbench(this.GetPrimaryKeyString());
        var view = await GrainFactory.GetGrain<IStudentGrain>(studentKey).GetView();
        if (view.Parts[part - 1].LatestRun is not { } latest)
        {
            return null;
        }
        return Result(part, latest, await RecordedResults.Of(GrainFactory, view.Identity.Track, latest.Settings));
    }

    private static RunResult Result(int part, RunRecord record, string resultJson)
    {
        var left = LabCatalog.Parts[part - 1].CountedRuns is { } limit ? Math.Max(0, limit - record.RunNumber) : (int?)null;
        return new RunResult(record.RunId, part, record.RunNumber, left, record.Settings, record.Summary, resultJson, record.FromCache, record.At);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} of {StudentKey} part {Part} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string runId, string studentKey, int part);
}
