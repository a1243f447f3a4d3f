using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Gateway.Api;
using DataSelection.Gateway.Auth;
using DataSelection.Gateway.Hosting;
using DataSelection.Gateway.Push;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hubs;

/// <summary>
/// <c>/hubs/lab</c>: one student's live channel (token as Bearer header or <c>access_token</c>
/// query). Receives <see cref="PushMethods.StudentEvent"/> and <see cref="PushMethods.Pacing"/>;
/// can resync with <see cref="GetState"/> and run the workbench with <see cref="Run"/>.
/// </summary>
[Authorize(Policy = LabAuthentication.StudentPolicy)]
public sealed class LabHub(StudentActions actions, PushSubscriptions push, StudentConnections connections, EndedSessions endedSessions) : Hub
{
    public static string SessionGroup(string code) => $"session:{code}";

    public override async Task OnConnectedAsync()
    {
        var me = Claims;
        var key = StudentKey.For(me.SessionCode, me.StudentId);
        // Known to the relay, and subscribed, before the hub answers any call of this connection (the client's start
        // completes earlier, at the handshake): whatever a first GetState answers, no later event is missed.
        connections.Add(me.SessionCode, key, Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionGroup(me.SessionCode));
        await push.AttachStudent(key);
        await push.AttachSession(me.SessionCode);
        LabMetrics.ConnectedStudents.Add(1);
        if (endedSessions.IsKnownEnded(me.SessionCode))
        {
            // The session ended between this connection's authentication and now.
            Context.Abort();
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var me = Claims;
        var key = StudentKey.For(me.SessionCode, me.StudentId);
        LabMetrics.ConnectedStudents.Add(-1);
        connections.Remove(me.SessionCode, key, Context);
        await push.DetachStudent(key);
        await push.DetachSession(me.SessionCode);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The student's whole state, as <c>GET /api/me</c> returns it (for resync after a gap).</summary>
    [RateLimited(RateLimitedAction.Read)]
    public Task<MeResponse> GetState() => actions.GetState(Me);

    /// <summary>
    /// Runs a part's workbench, as <c>POST /api/me/parts/{part}/runs</c> does; progress arrives as events meanwhile.
    /// The answer leaves the result out (<c>result: null</c>): it reached this connection as the run's
    /// <c>run-result</c> event just before, so each run's result (~14 KB) crosses the wire once, not twice.
    /// </summary>
    [RateLimited(RateLimitedAction.Run)]
    public async Task<RunResponse> Run(int part, JsonElement? parameters) =>
        await actions.Run(Me, part, parameters).ConfigureAwait(false) with { Result = null };

    /// <summary>The caller; refused once this gateway knows the session ended (the connection is being closed).</summary>
    private StudentClaims Me
    {
        get
        {
            var me = Claims;
            return endedSessions.IsKnownEnded(me.SessionCode)
                ? throw new HubException($"{LabRule.SessionEnded}: the session has ended; nothing more can be run or read here.")
                : me;
        }
    }

    private StudentClaims Claims => (Context.User ?? throw new HubException("Not signed in.")).Student();
}
