using System.Diagnostics;
using System.Collections.Immutable;
using System.Security.Cryptography;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;
using DataSelection.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Utilities;

namespace DataSelection.Grains.Sessions;

/// <summary>
/// A class session: pacing, roster and live aggregates. Students report transitions; a timer
/// pushes at most four dashboard snapshots a second to one observer per gateway. Every change is
/// durable before it is acknowledged, but changes that arrive while a write is on disk share the
/// next write, so a burst of 1,000 joins costs a handful of writes, not 1,000.
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", LabStorage.Name)] IPersistentState<SessionState> state,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private readonly ObserverManager<ISessionObserver> _observers = new(SessionRules.ObserverExpiry, logger);
    private readonly Dictionary<(string Track, int Part), MeasuredOutcome> _measured = [];
    private readonly HashSet<(string Track, int Part)> _measuring = [];
    private readonly Dictionary<string, RosterRecord> _roster = new(StringComparer.Ordinal);
    private long _sequence;
    private bool _dashboardChanged;
    private bool _stateChanged;
    private Task _lastWrite = Task.CompletedTask;
    private long _lastWriteStarted;
    private Task? _queuedWrite;

    private string Code => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var record in state.State.Roster)
        {
            _roster[record.StudentId] = record;
        }
        // Sequence numbers only need to rise: starting from the clock keeps them rising across reactivations.
        _sequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Both interleave: while a tick waits (for the gateways to take a dashboard, for the roster's write to be
        // durable), the session keeps answering. Every student's lock and run asks it whether the part is open;
        // a tick holding the session for its whole wait held up the class with it (a slow dashboard connection,
        // a write spaced 250 ms behind the last one). The writes themselves never overlap (see Flush).
        this.RegisterGrainTimer(PushDashboard, new GrainTimerCreationOptions(SessionRules.DashboardPushInterval, SessionRules.DashboardPushInterval) { Interleave = true });
        this.RegisterGrainTimer(WritePendingChanges, new GrainTimerCreationOptions(SessionRules.WriteInterval, SessionRules.WriteInterval) { Interleave = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await WritePendingChanges(cancellationToken);

    public async Task<SessionInfo> Create(string title, byte[] instructorKeyHash)
    {
        ArgumentNullException.ThrowIfNull(instructorKeyHash);
        if (state.State.Created)
        {
            throw new LabRuleException(LabRule.AlreadyExists, $"Session {Code} already exists.");
        }
        var before = state.State;
        state.State = new SessionState
        {
            Created = true,
            Title = title,
            InstructorKeyHash = instructorKeyHash,
            CreatedAt = DateTimeOffset.UtcNow,
            Pacing = [.. Enumerable.Range(1, LabCatalog.PartCount).Select(part => new PartPacing(part, Open: true, Revealed: false))],
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // Not created until storage says so: otherwise this activation would answer for a session that vanishes with it.
            state.State = before;
            LogWriteFailed(logger, e, Code);
            throw NotSaved();
        }
        return Info();
    }

    public Task<SessionInfo> GetInfo()
    {
        EnsureCreated();
        return Task.FromResult(Info());
    }

    public Task<bool> IsInstructorKey(byte[] instructorKeyHash)
    {
        ArgumentNullException.ThrowIfNull(instructorKeyHash);
        return Task.FromResult(state.State.Created &&
            CryptographicOperations.FixedTimeEquals(instructorKeyHash, state.State.InstructorKeyHash));
    }

    public async Task<string> Join(string name, string trackId)
    {
        EnsureCreated();
        EnsureNotEnded();
        var now = DateTimeOffset.UtcNow;
        var studentId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        // The student first, then the roster: a roster entry never names a student whose grain was not saved.
        // If the roster write fails instead, the saved student is unreachable (no token was ever issued).
        await GrainFactory.GetGrain<IStudentGrain>(StudentKey.For(Code, studentId))
            .Initialize(new StudentIdentity(Code, studentId, name, trackId, now));
        var record = new RosterRecord { StudentId = studentId, Name = name, Track = trackId, JoinedAt = now, LastProgressAt = now };
        state.State.Roster.Add(record);
        _roster[studentId] = record;
        MarkChanged();
        try
        {
            await Flush();
        }
        catch (Exception e) when (e is not LabRuleException)
        {
            // Taken off the roster again; the retried write leaves it out.
            state.State.Roster.Remove(record);
            _roster.Remove(studentId);
            MarkChanged();
            throw NotSaved();
        }
        return studentId;
    }

    public async Task<SessionInfo> Pace(int part, PacingAction action)
    {
        EnsureCreated();
        EnsureNotEnded();
        if (LabCatalog.FindPart(part) is null)
        {
            throw new LabRuleException(LabRule.NotFound, $"Part {part} does not exist; parts are 1, 2 and 3.");
        }
        var current = state.State.Pacing[part - 1];
        var paced = action switch
        {
            PacingAction.Open => current with { Open = true },
            PacingAction.Close => current with { Open = false },
            PacingAction.Reveal => current with { Revealed = true },
            _ => throw new LabRuleException(LabRule.InvalidInput, $"Unknown pacing action {action}."),
        };
        state.State.Pacing[part - 1] = paced;
        MarkChanged();
        try
        {
            await Flush();
        }
        catch (Exception e) when (e is not LabRuleException)
        {
            // Students must never see a part open (or closed) that storage does not have that way.
            if (state.State.Pacing[part - 1] == paced)
            {
                state.State.Pacing[part - 1] = current;
            }
            MarkChanged();
            throw NotSaved();
        }
        var info = Info();
        await _observers.Notify(o => o.OnPacing(info));
        return info;
    }

    public async Task<SessionInfo> EndSession()
    {
        EnsureCreated();
        if (!state.State.Ended)
        {
            state.State.Ended = true;
            MarkChanged();
            await Flush();
        }
        // Told again on every call, so a gateway that missed the first push learns on a retry.
        var info = Info();
        await _observers.Notify(o => o.OnPacing(info));
        return info;
    }

    public Task Report(StudentTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (!state.State.Created)
        {
            return Task.CompletedTask;
        }
        if (!_roster.TryGetValue(transition.StudentId, out var record))
        {
            if (transition.Name is null || transition.Track is null)
            {
                return Task.CompletedTask;
            }
            record = new RosterRecord
            {
                StudentId = transition.StudentId,
                Name = transition.Name,
                Track = transition.Track,
                JoinedAt = transition.At,
            };
            state.State.Roster.Add(record);
            _roster[record.StudentId] = record;
        }
        record.LastProgressAt = transition.At > record.LastProgressAt ? transition.At : record.LastProgressAt;
        if (transition.Part is >= 1 and <= LabCatalog.PartCount)
        {
            var i = transition.Part - 1;
            switch (transition.Kind)
            {
                case StudentTransition.Locked:
                    record.Predictions[i] = transition.Prediction;
                    MeasureInBackground(record.Track, transition.Part);
                    break;
                case StudentTransition.Ran:
                    record.Runs[i] = transition.RunNumber > 0 ? Math.Max(record.Runs[i], transition.RunNumber) : record.Runs[i] + 1;
                    record.Outcomes[i] = transition.Outcome ?? record.Outcomes[i];
                    break;
                case StudentTransition.KneeSubmitted:
                    record.Outcomes[i] = transition.Outcome;
                    break;
                case StudentTransition.Reflected:
                    record.Reflected[i] = true;
                    break;
            }
        }
        MarkChanged();
        // Runs come about once a second per student: their counts ride on the next write (the write
        // timer's, within SessionRules.WriteInterval) instead of one roster write each. The student's own record is
        // already durable, and a count lost in a crash heals on that student's next run.
        return transition.Kind == StudentTransition.Ran ? Task.CompletedTask : Flush();
    }

    public Task<DashboardSnapshot> GetDashboard()
    {
        EnsureCreated();
        return Task.FromResult(DashboardBuilder.Build(Code, state.State, _sequence, DateTimeOffset.UtcNow, _measured));
    }

    public Task<RosterPage> GetRoster(int page, int pageSize)
    {
        EnsureCreated();
        if (page < 1 || pageSize < 1 || pageSize > SessionRules.MaxRosterPageSize)
        {
            throw new LabRuleException(LabRule.InvalidInput,
                $"page must be 1 or more and pageSize between 1 and {SessionRules.MaxRosterPageSize}.");
        }
        var roster = state.State.Roster;
        var entries = roster.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => DashboardBuilder.Entry(r, state.State.Pacing));
        return Task.FromResult(new RosterPage(roster.Count, page, pageSize, [.. entries]));
    }

    public Task<ImmutableArray<string>> GetStudentIds()
    {
        EnsureCreated();
        return Task.FromResult(state.State.Roster.Select(r => r.StudentId).ToImmutableArray());
    }

    public Task Subscribe(ISessionObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ISessionObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private SessionInfo Info() =>
        new(Code, state.State.Title, state.State.CreatedAt, [.. state.State.Pacing], state.State.Ended);

    private void EnsureCreated()
    {
        if (!state.State.Created)
        {
            throw new LabRuleException(LabRule.NotFound, $"There is no session {Code}.");
        }
    }

    private void EnsureNotEnded()
    {
        if (state.State.Ended)
        {
            throw new LabRuleException(LabRule.SessionEnded, $"Session {Code} has ended: the instructor closed it for good.");
        }
    }

    private static LabRuleException NotSaved() =>
        new(LabRule.NotSaved, "This change was not saved (storage did not confirm it); nothing changed, so send it again.");

    private void MarkChanged()
    {
        _stateChanged = true;
        _dashboardChanged = true;
    }

    private async Task PushDashboard(CancellationToken cancellationToken)
    {
        if (!_dashboardChanged || !state.State.Created)
        {
            return;
        }
        _dashboardChanged = false;
        _observers.ClearExpired();
        if (_observers.Count == 0)
        {
            return;
        }
        var snapshot = DashboardBuilder.Build(Code, state.State, ++_sequence, DateTimeOffset.UtcNow, _measured);
        await _observers.Notify(o => o.OnDashboard(snapshot));
    }

    /// <summary>
    /// Makes every change so far durable. If a write is already queued, that write will carry
    /// this change too, so callers share it; otherwise a write is queued behind the one on disk.
    /// Writes never overlap, so their ETags never fight.
    /// </summary>
    private Task Flush() => _queuedWrite ??= WriteAfter(_lastWrite);

    private async Task WriteAfter(Task previous)
    {
        // Always yield first, even when the previous write is done: Flush must have stored this task
        // in _queuedWrite before it clears it below, or the field would keep pointing at a finished
        // write and no later change would ever be written. A failed previous write was reported to
        // its own callers; this write carries its changes again.
        await previous.ConfigureAwait(
            ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        // Each write carries the whole roster, so writes are spaced by the roster's size (at most WriteSpacing): the
        // changes that arrive meanwhile (a class locking at once) share this one instead of each paying for their own.
        var wait = SessionRules.WriteSpacingFor(state.State.Roster.Count) - Stopwatch.GetElapsedTime(_lastWriteStarted);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        _lastWriteStarted = Stopwatch.GetTimestamp();
        _queuedWrite = null;
        _stateChanged = false;
        var write = WriteNow();
        _lastWrite = write;
        await write;
    }

    private async Task WriteNow()
    {
        try
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch (InconsistentStateException)
            {
                // Another activation wrote first: take what it wrote, fold our roster into it, write again.
                var mine = state.State.Roster;
                await state.ReadStateAsync();
                RosterMerge.Into(state.State, mine);
                _roster.Clear();
                foreach (var record in state.State.Roster)
                {
                    _roster[record.StudentId] = record;
                }
                _dashboardChanged = true;
                await state.WriteStateAsync();
            }
        }
        catch (Exception e)
        {
            _stateChanged = true;
            LogWriteFailed(logger, e, Code);
            throw;
        }
    }

    private async Task WritePendingChanges(CancellationToken cancellationToken)
    {
        if (!_stateChanged || _queuedWrite is not null)
        {
            return;
        }
        try
        {
            await Flush();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Logged by the write; the next tick tries again.
        }
    }

    /// <summary>Fetches a lock question's measured answer without holding up the session's turn.</summary>
    private void MeasureInBackground(string track, int part)
    {
        if (_measured.ContainsKey((track, part)) || !_measuring.Add((track, part)))
        {
            return;
        }
        _ = MeasureAsync(track, part);
    }

    private async Task MeasureAsync(string track, int part)
    {
        try
        {
            _measured[(track, part)] = await GrainFactory.GetGrain<ILabOutcomeGrain>(LabOutcomeKey.For(track, part)).Measure();
            _dashboardChanged = true;
        }
        catch (Exception e)
        {
            LogMeasureFailed(logger, e, part, track);
        }
        finally
        {
            _measuring.Remove((track, part));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {Code}: writing the session failed; will retry")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Measuring the outcome of part {Part} on {Track} failed")]
    private static partial void LogMeasureFailed(ILogger logger, Exception exception, int part, string track);
}
