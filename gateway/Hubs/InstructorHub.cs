using DataSelection.Contracts.Sessions;
using DataSelection.Gateway.Auth;
using DataSelection.Gateway.Push;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Hubs;

/// <summary>
/// <c>/hubs/instructor?code=…&amp;key=…</c> (or the <c>X-Instructor-Key</c> header): the session's
/// live dashboard. Receives <see cref="PushMethods.Dashboard"/> (coalesced by the session grain,
/// with sequence numbers) and <see cref="PushMethods.Pacing"/>; resyncs with <see cref="GetDashboard"/>.
/// </summary>
[Authorize(Policy = LabAuthentication.InstructorPolicy)]
public sealed class InstructorHub(IGrainFactory grains, PushSubscriptions push) : Hub
{
    public static string SessionGroup(string code) => $"instructors:{code}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionGroup(Code));
        await push.AttachSession(Code);
        LabMetrics.ConnectedInstructors.Add(1);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        LabMetrics.ConnectedInstructors.Add(-1);
        await push.DetachSession(Code);
        await base.OnDisconnectedAsync(exception);
    }

    public Task<DashboardSnapshot> GetDashboard() => grains.GetGrain<ISessionGrain>(Code).GetDashboard();

    private string Code => (Context.User ?? throw new HubException("Not signed in.")).InstructorSession();
}
