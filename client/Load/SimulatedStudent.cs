using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DataSelection.Client.Load;

/// <summary>
/// One student as the load generator plays them: joins over HTTP, holds a WebSocket connection to
/// <c>/hubs/lab</c>, and works through the parts (lock, workbench runs through the hub with think
/// time and slider moves, the knee in Part 2, reflection), then keeps exploring Parts 1 and 3 until
/// the test ends. An idle student only joins and stays connected.
/// </summary>
public sealed class SimulatedStudent(LoadContext load, int index) : IAsyncDisposable
{
    private const int KneePart = 2;
    private static readonly int[] ExploredParts = [1, 3];

    // Seeded by session and student: each test's "never-used" values are new to the server, not the last test's again.
    private readonly Random _random = new(StudentSeed(load.Session.Code, index));
    private HubConnection? _connection;
    private string _token = "";
    private PendingRun? _pending;

    /// <summary>Joins and connects; false (the failure counted) if either failed.</summary>
    public async Task<bool> Arrive(CancellationToken cancellationToken)
    {
        var track = load.Catalog.Tracks[index % load.Catalog.Tracks.Count];
        var started = Stopwatch.GetTimestamp();
        try
        {
            var joined = await load.Http.Join(load.Session.Code, GatewayHttp.Encode(new
            {
                name = string.Create(CultureInfo.InvariantCulture, $"Load student {index}"),
                track = track.Id,
            }), cancellationToken).ConfigureAwait(false);
            _token = joined.Token;
            load.Recorder.Succeeded(LoadActions.Join, started, Stopwatch.GetTimestamp());
        }
        catch (GatewayActionException e)
        {
            load.Recorder.Failed(e.Kind);
            return false;
        }

        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(load.Http.Gateway, HubNames.LabHub), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(_token);
            })
            .Build();
        _connection.HandshakeTimeout = LoadTestSettings.ActionTimeout;
        _connection.On<PushedStudentEvent>(HubNames.StudentEvent, Pushed);
        started = Stopwatch.GetTimestamp();
        try
        {
            await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
            load.Recorder.Succeeded(LoadActions.Connect, started, Stopwatch.GetTimestamp());
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            load.Recorder.Failed($"{LoadActions.Connect}:{e.GetType().Name}");
            return false;
        }
    }

    /// <summary>Works through the lab until <paramref name="stop"/> fires; the action under way when it fires still completes.</summary>
    public async Task Work(CancellationToken stop)
    {
        try
        {
            foreach (var part in load.Catalog.Parts.Select(p => p.Number))
            {
                if (!await Think(stop).ConfigureAwait(false) || !await Lock(part, stop).ConfigureAwait(false))
                {
                    return;
                }
                var sliders = load.Sliders(index, part);
                var position = sliders.Start();
                RunAcknowledgement? latest = null;
                for (var run = 0; run < LoadTestSettings.RunsPerPart; run++)
                {
                    if (!await Think(stop).ConfigureAwait(false))
                    {
                        return;
                    }
                    latest = await Run(part, sliders.Next(position, load.Settings.FreshShare, load.Settings.FreshRange, _random)).ConfigureAwait(false) ?? latest;
                }
                if (part == KneePart && latest is not null && (!await Think(stop).ConfigureAwait(false) || !await Knee(latest, stop).ConfigureAwait(false)))
                {
                    return;
                }
                if (!await Think(stop).ConfigureAwait(false) || !await Reflect(part, stop).ConfigureAwait(false))
                {
                    return;
                }
            }
            var positions = ExploredParts.ToDictionary(p => p, p => load.Sliders(index, p).Start());
            for (var turn = 0; await Think(stop).ConfigureAwait(false); turn++)
            {
                var part = ExploredParts[turn % ExploredParts.Length];
                await Run(part, load.Sliders(index, part).Next(positions[part], load.Settings.FreshShare, load.Settings.FreshRange, _random)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The test ended while waiting: not an error.
        }
    }

    private async Task<bool> Think(CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
        {
            return false;
        }
        try
        {
            // Uniform between half and one and a half think times: students do not act in lockstep.
            await Task.Delay(load.Settings.ThinkTime * (0.5 + _random.NextDouble()), stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> Lock(int part, CancellationToken stop)
    {
        var prediction = load.Catalog.Part(part).Prediction;
        object body = prediction.Kind == "percent"
            ? new { prediction = new { value = _random.Next((int)(prediction.Minimum ?? 0), (int)(prediction.Maximum ?? 100) + 1) } }
            : new { prediction = new { choice = prediction.Choices![_random.Next(prediction.Choices.Count)] } };
        return await Act(HttpMethod.Put, string.Create(CultureInfo.InvariantCulture, $"/api/me/parts/{part}/lock"), GatewayHttp.Encode(body),
            LoadActions.Lock, part, DashboardStaleness.Measure.Locked, stop).ConfigureAwait(false);
    }

    /// <summary>The knee near the measured one of the latest run, as a student reading the chart would place it.</summary>
    private Task<bool> Knee(RunAcknowledgement latest, CancellationToken stop)
    {
        var measured = latest.Summary?.Metrics?.GetValueOrDefault("kneeLabels") ?? 0;
        var labels = Math.Max(1, (int)Math.Round(measured * (0.8 + 0.4 * _random.NextDouble())));
        return Act(HttpMethod.Post, "/api/me/parts/2/knee", GatewayHttp.Encode(new { value = labels }), LoadActions.Knee, null, null, stop);
    }

    private Task<bool> Reflect(int part, CancellationToken stop) =>
        Act(HttpMethod.Put, string.Create(CultureInfo.InvariantCulture, $"/api/me/parts/{part}/reflection"), load.ReflectionBody,
            LoadActions.Reflect, part, DashboardStaleness.Measure.Reflected, stop);

    private async Task<bool> Act(HttpMethod method, string path, byte[] body, string action, int? part, DashboardStaleness.Measure? measure, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Not cancelled by the end of the test: an action under way completes and is measured.
            await load.Http.Act(method, path, body, _token, action, CancellationToken.None).ConfigureAwait(false);
        }
        catch (GatewayActionException e)
        {
            load.Recorder.Failed(e.Kind);
            return false;
        }
        var acknowledged = Stopwatch.GetTimestamp();
        load.Recorder.Succeeded(action, started, acknowledged);
        if (part is { } p && measure is { } m)
        {
            load.Staleness.Acknowledged(p, m, acknowledged);
        }
        return !stop.IsCancellationRequested;
    }

    /// <summary>
    /// Invokes <c>Run</c> and waits for its result pushed on this connection: <c>run</c> measures the
    /// invocation's answer, <c>run_result</c> the time from the invocation to the pushed result
    /// (whichever of the two arrives first).
    /// </summary>
    private async Task<RunAcknowledgement?> Run(int part, JsonElement parameters)
    {
        var pending = new PendingRun(part);
        Volatile.Write(ref _pending, pending);
        var started = Stopwatch.GetTimestamp();
        RunAcknowledgement acknowledgement;
        try
        {
            using var timeout = new CancellationTokenSource(LoadTestSettings.ActionTimeout);
            acknowledgement = await _connection!.InvokeAsync<RunAcknowledgement>(HubNames.Run, part, parameters, timeout.Token).ConfigureAwait(false);
        }
        catch (HubException e)
        {
            load.Recorder.Failed($"{LoadActions.Run}:{RuleOf(e.Message)}");
            return null;
        }
        catch (OperationCanceledException)
        {
            load.Recorder.Failed($"{LoadActions.Run}:timeout");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.WebSockets.WebSocketException)
        {
            load.Recorder.Failed($"{LoadActions.Run}:{e.GetType().Name}");
            return null;
        }
        var acknowledged = Stopwatch.GetTimestamp();
        load.Recorder.Succeeded(LoadActions.Run, started, acknowledged);
        load.Staleness.Acknowledged(part, DashboardStaleness.Measure.Runs, acknowledged);

        PushedRun result;
        try
        {
            result = await pending.Result.Task.WaitAsync(LoadTestSettings.ActionTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            load.Recorder.Failed($"{LoadActions.RunResult}:timeout");
            return acknowledgement;
        }
        if (result.Failed || result.RunId != acknowledgement.RunId)
        {
            load.Recorder.Failed($"{LoadActions.RunResult}:{(result.Failed ? "failed" : "other-run")}");
            return acknowledgement;
        }
        load.Recorder.Succeeded(LoadActions.RunResult, started, result.At);
        load.Recorder.Succeeded(acknowledgement.FromCache ? LoadActions.RunResultCached : LoadActions.RunResultFresh, started, result.At);
        return acknowledgement;
    }

    private void Pushed(PushedStudentEvent pushed)
    {
        if (pushed.Kind is not (HubNames.RunResult or HubNames.RunFailed))
        {
            return;
        }
        var pending = Volatile.Read(ref _pending);
        if (pending is not null && pending.Part == pushed.Part)
        {
            pending.Result.TrySetResult(new PushedRun(pushed.RunId, Stopwatch.GetTimestamp(), pushed.Kind == HubNames.RunFailed));
        }
    }

    /// <summary>
    /// The lab rule a hub error names ("LockRequired: …"), or a generic kind. SignalR puts its own
    /// sentence and the exception's type before the hub's message ("An unexpected error occurred
    /// invoking 'Run' on the server. HubException: Busy: …"), so the rule is read after that.
    /// </summary>
    public static string RuleOf(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string marker = "HubException: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            message = message[(at + marker.Length)..];
        }
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon is > 0 and < 40 && !message.AsSpan(0, colon).Contains(' ') ? message[..colon] : "hub-error";
    }

    private static int StudentSeed(string sessionCode, int index)
    {
        var hash = 2166136261u;
        foreach (var c in sessionCode)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash ^ (uint)index);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class PendingRun(int part)
    {
        public int Part { get; } = part;

        public TaskCompletionSource<PushedRun> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record PushedRun(string? RunId, long At, bool Failed);
}
