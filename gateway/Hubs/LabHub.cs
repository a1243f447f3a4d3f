using System.Text.Json;
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
public sealed class LabHub(StudentActions actions, PushSubscriptions push) : Hub
{
    public static string StudentGroup(string studentKey) => $"student:{studentKey}";

    public static string SessionGroup(string code) => $"session:{code}";

    public override async Task OnConnectedAsync()
    {
        var me = Me;
        var key = StudentKey.For(me.SessionCode, me.StudentId);
        await Groups.AddToGroupAsync(Context.ConnectionId, StudentGroup(key));
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionGroup(me.SessionCode));
        // Subscribed before the connection counts as open, so no event after this point is missed.
        await push.AttachStudent(key);
        await push.AttachSession(me.SessionCode);
        LabMetrics.ConnectedStudents.Add(1);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var me = Me;
        LabMetrics.ConnectedStudents.Add(-1);
        await push.DetachStudent(StudentKey.For(me.SessionCode, me.StudentId));
        await push.DetachSession(me.SessionCode);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The student's whole state, as <c>GET /api/me</c> returns it (for resync after a gap).</summary>
    public Task<MeResponse> GetState() => actions.GetState(Me);

    /// <summary>Runs a part's workbench, as <c>POST /api/me/parts/{part}/runs</c> does; progress arrives as events meanwhile.</summary>
    [RateLimited(RateLimitedAction.Run)]
    public Task<RunResponse> Run(int part, JsonElement? parameters) => actions.Run(Me, part, parameters);

    private StudentClaims Me => (Context.User ?? throw new HubException("Not signed in.")).Student();
}
