using System.Collections.Immutable;
using System.Globalization;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Hosting;
using DataSelection.Grains.Simulations;
using DataSelection.Simulation.ActiveLearning;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace DataSelection.Grains.Students;

/// <summary>
/// One student: the per-part state machine, immutable locks, and the append-only Ledger. Every
/// confirming method returns only after the state is written; if the write fails, the grain
/// reloads what storage holds, so nothing is half-written.
/// </summary>
public sealed partial class StudentGrain(
    [PersistentState("student", LabStorage.Name)] IPersistentState<StudentState> state,
    ILogger<StudentGrain> logger) : Grain, IStudentGrain
{
    private readonly ObserverManager<IStudentObserver> _observers = new(StudentRules.ObserverExpiry, logger);
    private SessionInfo? _pacing;
    private DateTimeOffset _pacingAt;
    private long _sequence;
    private readonly List<LedgerEntry> _sealed = [];

    private ISessionGrain Session => GrainFactory.GetGrain<ISessionGrain>(StudentKey.Parse(this.GetPrimaryKeyString()).SessionCode);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.WithAllParts().WithPageSize();
        _sequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return Task.CompletedTask;
    }

    public async Task Initialize(StudentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (state.State.Identity is not null)
        {
            return;
        }
        state.State.Identity = identity;
        Append(LedgerEntry.Joined, 0, $"{identity.Name} joined session {identity.SessionCode} on the {LabCatalog.FindTrack(identity.Track)?.Name} track",
            new { identity.Name, identity.Track, identity.SessionCode });
        await Persist();
    }

    public async Task<StudentView> GetView()
    {
        var identity = await IdentityAsync();
        var pacing = await Pacing(fresh: false);
        for (var part = 1; part <= LabCatalog.PartCount; part++)
        {
            if (pacing.Pacing[part - 1].Revealed)
            {
                await EnsureScored(part);
            }
        }
        return new StudentView(identity, [.. Enumerable.Range(1, LabCatalog.PartCount).Select(p => View(p, pacing))], _sequence);
    }

    public Task<StudentIdentity> GetIdentity() => IdentityAsync();

    public async Task<LockRecord> Lock(int part, Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var identity = await IdentityAsync();
        var record = Part(part);
        await RequireOpen(part);
        if (record.Lock is not null)
        {
            throw new LabRuleException(LabRule.AlreadyLocked,
                $"Part {part} was locked at {record.Lock.At:u} with {record.Lock.Prediction}; a lock can never be changed.");
        }
        var now = DateTimeOffset.UtcNow;
        record.Lock = new LockRecord(prediction, now);
        Append(LedgerEntry.Lock, part, $"Locked part {part}: {prediction}", prediction, now);
        await Persist();
        await Report(new StudentTransition(identity.StudentId, StudentTransition.Locked, part, now, prediction, Name: identity.Name, Track: identity.Track));
        await PublishState(part);
        return record.Lock;
    }

    public async Task<string> BeginRun(int part) => (await MayRun(part)).Track;

    /// <summary>The rules a run must pass (session not ended, part open, locked, counted runs left), checked again on recording.</summary>
    private async Task<StudentIdentity> MayRun(int part)
    {
        var identity = await IdentityAsync();
        var record = Part(part);
        await RequireOpen(part);
        if (record.Lock is null && await Reloaded())
        {
            record = Part(part);
        }
        if (record.Lock is null)
        {
            throw new LabRuleException(LabRule.LockRequired, $"Commit your prediction for part {part} first: the workbench opens after the lock.");
        }
        if (LabCatalog.Parts[part - 1].CountedRuns is { } limit && record.Runs >= limit)
        {
            throw new LabRuleException(LabRule.RunLimitReached,
                $"All {limit} counted runs of part {part} are used (the 10-iteration rule); submit your knee.");
        }
        return identity;
    }

    public async Task<RunRecord> RecordRun(int part, string runId, WorkbenchSettings settings, RunSummary summary, bool fromCache, string resultJson)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(resultJson);
        // Checked here too, in the same turn as the write: a cached run records without asking first, and a part
        // closed while a fresh run computed refuses it.
        var identity = await MayRun(part);
        var record = Part(part);
        var now = DateTimeOffset.UtcNow;
        record.Runs++;
        record.LatestRun = new RunRecord(runId, record.Runs, now, settings, summary, fromCache);
        Append(LedgerEntry.Run, part, $"Run {record.Runs} of part {part}: {summary.Headline}",
            new { runId, settings = settings.CanonicalForm(), summary.Metrics }, now);
        await Persist();
        // The student sees the result first; the session's tally is for the instructor's dashboard, which refreshes on its own beat.
        await Publish(new StudentEvent(this.GetPrimaryKeyString(), StudentEvent.RunResult, part, runId, "done", 1.0, resultJson));
        await Report(new StudentTransition(identity.StudentId, StudentTransition.Ran, part, now, Outcome: summary.Outcome, Name: identity.Name, Track: identity.Track, RunNumber: record.Runs));
        return record.LatestRun;
    }

    public async Task<KneeRecord> SubmitKnee(int labels)
    {
        const int part = 2;
        var identity = await IdentityAsync();
        var record = Part(part);
        await RequireOpen(part);
        if (record.Lock is null)
        {
            throw new LabRuleException(LabRule.LockRequired, "Commit your part 2 prediction first.");
        }
        if (record.LatestRun is not { } latest)
        {
            throw new LabRuleException(LabRule.RunRequired, "Run the workbench at least once before submitting the knee.");
        }
        if (record.Knee is not null)
        {
            throw new LabRuleException(LabRule.AlreadySubmitted, $"The knee was already submitted: {record.Knee.Value} labels.");
        }
        var settings = (ActiveLearningSettings)latest.Settings;
        var measured = (int)latest.Summary.Metrics.GetValueOrDefault("kneeLabels");
        var score = KneeScore.Score(labels, measured, settings.BatchSize);
        var now = DateTimeOffset.UtcNow;
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"You placed the knee at {labels} labels; with batch size {settings.BatchSize} the measured knee is at {measured} labels.");
        record.Knee = new KneeRecord(labels, measured, score, now, explanation);
        Append(LedgerEntry.Knee, part, string.Create(CultureInfo.InvariantCulture, $"Knee submitted: {labels} labels (measured {measured}); score {score}/100"),
            record.Knee, now);
        await Persist();
        await Report(new StudentTransition(identity.StudentId, StudentTransition.KneeSubmitted, part, now, Outcome: score, Name: identity.Name, Track: identity.Track));
        await PublishState(part);
        return record.Knee;
    }

    public async Task<ReflectionRecord> Reflect(int part, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var identity = await IdentityAsync();
        var record = Part(part);
        await RequireOpen(part);
        if (record.Runs == 0 && await Reloaded())
        {
            record = Part(part);
        }
        if (record.Runs == 0)
        {
            throw new LabRuleException(LabRule.RunRequired, $"Run the part {part} workbench at least once before reflecting.");
        }
        // A reflected part is done: its lock is scored in the same write as the reflection.
        var measured = record.Score is null ? await MeasuredOutcome(part) : null;
        var now = DateTimeOffset.UtcNow;
        var revised = record.Reflection is not null;
        record.Reflection = new ReflectionRecord(text, now);
        Append(LedgerEntry.Reflection, part, revised ? $"Revised the part {part} reflection" : $"Reflected on part {part}", new { text }, now);
        if (measured is not null)
        {
            Score(part, measured);
        }
        await Persist();
        await Report(new StudentTransition(identity.StudentId, StudentTransition.Reflected, part, now, Name: identity.Name, Track: identity.Track));
        await PublishState(part);
        return record.Reflection;
    }

    public async Task<Ledger> GetLedger()
    {
        var identity = await IdentityAsync();
        // Sealed pages never change: read each once per activation.
        var pageSize = state.State.PageSize;
        while (_sealed.Count < state.State.SealedPages * pageSize)
        {
            var page = _sealed.Count / pageSize;
            var entries = await LedgerPage(page).Read();
            if (entries.Length != pageSize)
            {
                throw new InvalidOperationException($"Ledger page {page} of {this.GetPrimaryKeyString()} holds {entries.Length} entries.");
            }
            _sealed.AddRange(entries);
        }
        return new(identity, [.. _sealed.Take(state.State.SealedPages * pageSize), .. state.State.Ledger]);
    }

    public async Task Publish(StudentEvent studentEvent)
    {
        ArgumentNullException.ThrowIfNull(studentEvent);
        _observers.ClearExpired();
        if (_observers.Count > 0)
        {
            var numbered = studentEvent with { Sequence = ++_sequence, RaisedAt = DateTimeOffset.UtcNow };
            await _observers.Notify(o => o.OnStudentEvent(numbered));
        }
    }

    public Task Subscribe(IStudentObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IStudentObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private PartView View(int part, SessionInfo pacing)
    {
        var record = state.State.Parts[part - 1];
        var partPacing = pacing.Pacing[part - 1];
        var status = record.Reflection is not null ? PartStatus.Reflected
            : !partPacing.Open ? PartStatus.Closed
            : record.Runs > 0 ? PartStatus.Working
            : record.Lock is not null ? PartStatus.Locked
            : PartStatus.Open;
        var left = LabCatalog.Parts[part - 1].CountedRuns is { } limit ? Math.Max(0, limit - record.Runs) : (int?)null;
        return new PartView(part, status, record.Lock, record.Runs, left, record.LatestRun, record.Knee, record.Reflection, record.Score, partPacing.Revealed);
    }

    /// <summary>Scores the lock against the measured outcome once, when revealed.</summary>
    private async Task EnsureScored(int part)
    {
        var record = state.State.Parts[part - 1];
        if (record.Lock is null || record.Score is not null)
        {
            return;
        }
        var measured = await MeasuredOutcome(part);
        if (record.Score is null)
        {
            Score(part, measured);
            await Persist();
        }
    }

    private Task<MeasuredOutcome> MeasuredOutcome(int part) =>
        GrainFactory.GetGrain<ILabOutcomeGrain>(LabOutcomeKey.For(RequireIdentity().Track, part)).Measure();

    private void Score(int part, MeasuredOutcome measured)
    {
        var record = state.State.Parts[part - 1];
        if (record.Lock is null)
        {
            return;
        }
        var score = LockScoring.Score(record.Lock.Prediction, measured);
        record.Score = new LockScore(record.Lock.Prediction, measured, score);
        Append(LedgerEntry.Score, part,
            string.Create(CultureInfo.InvariantCulture, $"Part {part} prediction {record.Lock.Prediction} vs measured {(measured.Value is { } v ? $"{v:0.#}%" : measured.Choice)}: {score:0}/100"),
            record.Score);
    }

    private StudentIdentity RequireIdentity() =>
        state.State.Identity ?? throw new LabRuleException(LabRule.NotFound, "There is no such student in this session.");

    /// <summary>The identity, reading storage again before answering "no such student".</summary>
    private async Task<StudentIdentity> IdentityAsync()
    {
        if (state.State.Identity is null)
        {
            await Reloaded();
        }
        return RequireIdentity();
    }

    /// <summary>
    /// Reads storage again before a refusal: while the cluster changes membership, a second
    /// activation of this student may briefly exist, and its state may be older than what the
    /// other one acknowledged. Refusing from stale state would deny work the student did.
    /// </summary>
    private async Task<bool> Reloaded()
    {
        await state.ReadStateAsync();
        state.State.WithAllParts().WithPageSize();
        return true;
    }

    private PartState Part(int part) =>
        LabCatalog.FindPart(part) is null
            ? throw new LabRuleException(LabRule.NotFound, $"Part {part} does not exist; parts are 1, 2 and 3.")
            : state.State.Parts[part - 1];

    private async Task RequireOpen(int part)
    {
        var pacing = await Pacing(fresh: true);
        if (pacing.Ended)
        {
            // Defence in depth: the gateway already refuses tokens of an ended session.
            throw new LabRuleException(LabRule.SessionEnded, $"Session {pacing.Code} has ended: nothing more can be locked, run or written.");
        }
        if (!pacing.Pacing[part - 1].Open)
        {
            throw new LabRuleException(LabRule.PartClosed, $"Part {part} is closed by the instructor.");
        }
    }

    private async Task<SessionInfo> Pacing(bool fresh)
    {
        if (fresh || _pacing is null || DateTimeOffset.UtcNow - _pacingAt > StudentRules.PacingCacheAge)
        {
            _pacing = await Session.GetInfo();
            _pacingAt = DateTimeOffset.UtcNow;
        }
        return _pacing;
    }

    private void Append<T>(string kind, int part, string summary, T detail, DateTimeOffset? at = null) =>
        state.State.Ledger.Add(new LedgerEntry(state.State.LedgerCount + 1, at ?? DateTimeOffset.UtcNow, kind, part, summary, LabJson.Serialize(detail)));

    private ILedgerPageGrain LedgerPage(int index) => GrainFactory.GetGrain<ILedgerPageGrain>(StudentKey.ForLedgerPage(this.GetPrimaryKeyString(), index));

    /// <summary>
    /// Moves full pages out of the Ledger's tail before the state is written: each page is stored first, and only
    /// then dropped from the state. A crash in between leaves the entries in the stored tail, and sealing them again
    /// writes the same page, so nothing is lost or counted twice. A page that cannot be stored now stays in the tail.
    /// </summary>
    private async Task SealFullPages()
    {
        var pageSize = state.State.PageSize;
        while (state.State.Ledger.Count > pageSize)
        {
            var page = state.State.Ledger.GetRange(0, pageSize).ToImmutableArray();
            try
            {
                await LedgerPage(state.State.SealedPages).Seal(page);
            }
            catch (Exception e)
            {
                LogPageNotSealed(logger, e, this.GetPrimaryKeyString(), state.State.SealedPages);
                return;
            }
            state.State.Ledger.RemoveRange(0, pageSize);
            state.State.SealedPages++;
        }
    }

    /// <summary>
    /// Writes the state. On failure, reloads what storage holds so no half-done change lingers in memory
    /// (and if storage cannot even be read, gives up this activation so the next call starts from storage),
    /// then tells the caller plainly that nothing was saved.
    /// </summary>
    private async Task Persist()
    {
        try
        {
            await SealFullPages();
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogNotSaved(logger, e, this.GetPrimaryKeyString());
            try
            {
                await Reloaded();
            }
            catch (Exception reload)
            {
                LogReloadFailed(logger, reload, this.GetPrimaryKeyString());
                DeactivateOnIdle();
            }
            throw new LabRuleException(LabRule.NotSaved, "Your change was not saved (storage did not confirm it); nothing changed, so send it again.");
        }
    }

    private async Task Report(StudentTransition transition)
    {
        try
        {
            await Session.Report(transition);
        }
        catch (Exception e) when (e is not LabRuleException)
        {
            // The student's own record is already durable; the session's aggregates heal on the next transition.
            LogReportFailed(logger, e, transition.Kind, transition.StudentId);
        }
    }

    private Task PublishState(int part) =>
        Publish(new StudentEvent(this.GetPrimaryKeyString(), StudentEvent.State, part, null, "state", 1.0, null));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Student {StudentKey}: writing the state failed; the change was dropped")]
    private static partial void LogNotSaved(ILogger logger, Exception exception, string studentKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Student {StudentKey}: reading the state back after a failed write failed; deactivating")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string studentKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Student {StudentKey}: sealing Ledger page {Page} failed; its entries stay in the student's state")]
    private static partial void LogPageNotSealed(ILogger logger, Exception exception, string studentKey, int page);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting {Kind} of student {StudentId} to the session failed")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string kind, string studentId);
}
