namespace DataSelection.Contracts.Sessions;

/// <summary>One per gateway and session: receives the session's pushes and fans them out to that gateway's browsers.</summary>
public interface ISessionObserver : IGrainObserver
{
    /// <summary>A new dashboard snapshot (coalesced: a few per second at most).</summary>
    [OneWay]
    Task OnDashboard(DashboardSnapshot snapshot);

    /// <summary>Pacing changed: parts opened, closed or revealed.</summary>
    [OneWay]
    Task OnPacing(SessionInfo session);
}
