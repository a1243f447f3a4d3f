using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;
using DataSelection.ServiceDefaults;

namespace DataSelection.Gateway.Push;

/// <summary>
/// Which students and sessions have browsers connected to this gateway, counted per connection:
/// the first connection subscribes the gateway's one observer with the grain, the last one to
/// leave unsubscribes it, and a background loop re-subscribes everything in use before the
/// grains' observer registrations expire.
/// </summary>
public sealed partial class PushSubscriptions(
    IGrainFactory grains, StudentPushRelay studentRelay, SessionPushRelay sessionRelay, IConfiguration configuration, ILogger<PushSubscriptions> logger) : BackgroundService
{
    public const string RenewSecondsKey = "DataSelection:Push:RenewSeconds";
    public const int DefaultRenewSeconds = 60;

    private readonly Dictionary<string, int> students = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> sessions = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private IStudentObserver? studentObserver;
    private ISessionObserver? sessionObserver;

    private readonly TimeSpan renewInterval = TimeSpan.FromSeconds(configuration.GetValue(RenewSecondsKey, DefaultRenewSeconds));

    public async Task AttachStudent(string studentKey)
    {
        if (Count(students, studentKey, +1) == 1)
        {
            await grains.GetGrain<IStudentGrain>(studentKey).Subscribe(StudentObserver).ConfigureAwait(false);
        }
    }

    public async Task DetachStudent(string studentKey)
    {
        if (Count(students, studentKey, -1) == 0)
        {
            await grains.GetGrain<IStudentGrain>(studentKey).Unsubscribe(StudentObserver).ConfigureAwait(false);
        }
    }

    public async Task AttachSession(string code)
    {
        if (Count(sessions, code, +1) == 1)
        {
            LabMetrics.ActiveSessions.Add(1);
            await grains.GetGrain<ISessionGrain>(code).Subscribe(SessionObserver).ConfigureAwait(false);
        }
    }

    public async Task DetachSession(string code)
    {
        if (Count(sessions, code, -1) == 0)
        {
            LabMetrics.ActiveSessions.Add(-1);
            await grains.GetGrain<ISessionGrain>(code).Unsubscribe(SessionObserver).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(renewInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await Renew().ConfigureAwait(false);
        }
    }

    /// <summary>Subscribes again everything that still has connections (grains expire silent observers).</summary>
    internal async Task Renew()
    {
        string[] studentKeys, codes;
        lock (gate)
        {
            studentKeys = [.. students.Keys];
            codes = [.. sessions.Keys];
        }
        var renewals = studentKeys.Select(key => Renew(() => grains.GetGrain<IStudentGrain>(key).Subscribe(StudentObserver), key))
            .Concat(codes.Select(code => Renew(() => grains.GetGrain<ISessionGrain>(code).Subscribe(SessionObserver), code)));
        await Task.WhenAll(renewals).ConfigureAwait(false);
    }

    private async Task Renew(Func<Task> subscribe, string key)
    {
        try
        {
            await subscribe().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One unreachable grain must not stop the others' renewal; the next round tries again.
            LogRenewalFailed(logger, exception, key);
        }
    }

    private int Count(Dictionary<string, int> counts, string key, int delta)
    {
        lock (gate)
        {
            var count = counts.GetValueOrDefault(key) + delta;
            if (count <= 0)
            {
                counts.Remove(key);
                return 0;
            }
            counts[key] = count;
            return count;
        }
    }

    // References are made once per process, on first use (the silo must be running by then).
    private IStudentObserver StudentObserver
    {
        get
        {
            lock (gate)
            {
                return studentObserver ??= grains.CreateObjectReference<IStudentObserver>(studentRelay);
            }
        }
    }

    private ISessionObserver SessionObserver
    {
        get
        {
            lock (gate)
            {
                return sessionObserver ??= grains.CreateObjectReference<ISessionObserver>(sessionRelay);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the push subscription of {Key} failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string key);
}
