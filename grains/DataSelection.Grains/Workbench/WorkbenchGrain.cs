using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Hosting;
using Microsoft.Extensions.Logging;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// One student's workbench for one part. A run asks the student grain whether it may start,
/// takes the result from the cohort-wide cache or streams it from a worker (pushing progress to
/// the student's page), records it in the Ledger, and only then answers. A newer run cancels the
/// one in flight, which answers <see cref="LabRule.Superseded"/> and is not counted.
/// </summary>
public sealed partial class WorkbenchGrain(
    [PersistentState("workbench", LabStorage.Name)] IPersistentState<WorkbenchState> state,
    ILogger<WorkbenchGrain> logger) : Grain, IWorkbenchGrain
{
    private CancellationTokenSource? _inFlight;

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
            var track = await student.BeginRun(part);
            var request = new SimulationRequest(track, settings, LabCatalog.LabSeed);
            var (outcome, fromCache) = await GrainFactory.GetGrain<ISimulationCacheGrain>(request.CacheKey())
                .GetOrCompute(request, new RunRoute(studentKey, part, runId), run.Token);
            run.Token.ThrowIfCancellationRequested();

            // Counted once the Ledger has it. A failure from here on is not a failed simulation: it passes on as it is.
            recording = true;
            var record = await student.RecordRun(part, runId, settings, outcome.Summary);
            var left = LabCatalog.Parts[part - 1].CountedRuns is { } limit ? Math.Max(0, limit - record.RunNumber) : (int?)null;
            var result = new RunResult(runId, part, record.RunNumber, left, settings, outcome.Summary, outcome.ResultJson, fromCache, record.At);
            await Remember(result);
            await student.Publish(new StudentEvent(studentKey, StudentEvent.RunResult, part, runId, "done", 1.0, outcome.ResultJson));
            return result;
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

    /// <summary>The outcome from the cohort's cache, or computed by a worker and then cached (only a finished outcome is).</summary>
    /// <summary>
    /// Keeps the latest run for redrawing the page. The Ledger already holds the run, so a failed write here
    /// does not fail it: the grain drops back to what storage holds and the student's record stays the truth.
    /// </summary>
    private async Task Remember(RunResult result)
    {
        if (state.State.Latest is not null && state.State.Latest.RunNumber >= result.RunNumber)
        {
            return;
        }
        var previous = state.State.Latest;
        state.State.Latest = result;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogLatestNotSaved(logger, e, result.RunId);
            state.State.Latest = previous;
        }
    }

    public Task<RunResult?> GetLatest() => Task.FromResult(state.State.Latest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} is in the Ledger, but saving it as the workbench's latest failed")]
    private static partial void LogLatestNotSaved(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} of {StudentKey} part {Part} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string runId, string studentKey, int part);
}
