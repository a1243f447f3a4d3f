using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;
using DataSelection.Gateway.Auth;
using DataSelection.Gateway.Hubs;
using DataSelection.Gateway.Telemetry;
using DataSelection.ServiceDefaults;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Push;

/// <summary>
/// The gateway's one student observer: a student grain pushes one message per gateway, and this
/// sends it to that student's browsers connected here (see <see cref="StudentConnections"/> for why
/// connection by connection rather than to a group).
/// </summary>
public sealed class StudentPushRelay(IHubContext<LabHub> lab, StudentConnections connections) : IStudentObserver
{
    public Task OnStudentEvent(StudentEvent studentEvent)
    {
        ArgumentNullException.ThrowIfNull(studentEvent);
        PushTelemetry.Sending(studentEvent.Kind, studentEvent.RaisedAt);
        var ids = connections.OfStudent(studentEvent.StudentKey);
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }
        // Several tabs share one serialized copy.
        var tabs = ids.Count == 1 ? lab.Clients.Client(ids[0]) : lab.Clients.Clients(ids);
        return tabs.SendAsync(PushMethods.StudentEvent, StudentEventMessage.From(studentEvent));
    }
}

/// <summary>
/// The gateway's one session observer: dashboards to the session's instructors, pacing to everyone
/// in it; when the session has ended, its students are told and their connections closed.
/// </summary>
public sealed class SessionPushRelay(
    IHubContext<LabHub> lab, IHubContext<InstructorHub> instructors, EndedSessions endedSessions, StudentConnections connections) : ISessionObserver
{
    public Task OnDashboard(DashboardSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        PushTelemetry.Sending(PushTelemetry.DashboardKind, snapshot.At);
        LabMetrics.DashboardPushes.Add(1);
        return instructors.Clients.Group(InstructorHub.SessionGroup(snapshot.Code)).SendAsync(PushMethods.Dashboard, snapshot);
    }

    public async Task OnPacing(SessionInfo session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Ended)
        {
            endedSessions.MarkEnded(session.Code);
            await lab.Clients.Group(LabHub.SessionGroup(session.Code)).SendAsync(PushMethods.SessionEnded, session).ConfigureAwait(false);
            connections.CloseSession(session.Code);
            await instructors.Clients.Group(InstructorHub.SessionGroup(session.Code)).SendAsync(PushMethods.Pacing, session).ConfigureAwait(false);
            return;
        }
        await Task.WhenAll(
            lab.Clients.Group(LabHub.SessionGroup(session.Code)).SendAsync(PushMethods.Pacing, session),
            instructors.Clients.Group(InstructorHub.SessionGroup(session.Code)).SendAsync(PushMethods.Pacing, session)).ConfigureAwait(false);
    }
}
