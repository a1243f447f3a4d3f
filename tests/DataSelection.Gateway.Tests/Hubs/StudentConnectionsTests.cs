using System.Security.Claims;
using DataSelection.Gateway.Hubs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace DataSelection.Gateway.Tests.Hubs;

public sealed class StudentConnectionsTests
{
    private sealed class Connection(string id) : HubCallerContext
    {
        public bool Aborted { get; private set; }
        public override string ConnectionId => id;
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() => Aborted = true;
    }

    [Fact]
    public void A_student_is_reached_on_each_open_connection_and_on_none_once_all_are_closed()
    {
        var connections = new StudentConnections();
        Connection tab1 = new("c1"), tab2 = new("c2"), classmate = new("c3");
        connections.Add("CODE", "CODE/ada", tab1);
        connections.Add("CODE", "CODE/ada", tab2);
        connections.Add("CODE", "CODE/alan", classmate);

        Assert.Equal(["c1", "c2"], connections.OfStudent("CODE/ada"));
        Assert.Equal(["c3"], connections.OfStudent("CODE/alan"));

        connections.Remove("CODE", "CODE/ada", tab1);
        Assert.Equal(["c2"], connections.OfStudent("CODE/ada"));
        connections.Remove("CODE", "CODE/ada", tab1);
        Assert.Equal(["c2"], connections.OfStudent("CODE/ada"));
        connections.Remove("CODE", "CODE/ada", tab2);
        Assert.Empty(connections.OfStudent("CODE/ada"));
        Assert.Empty(connections.OfStudent("CODE/nobody"));
        Assert.Equal(["c3"], connections.OfStudent("CODE/alan"));
    }

    [Fact]
    public void Connections_opening_and_closing_at_once_leave_exactly_the_open_ones()
    {
        var connections = new StudentConnections();
        var tabs = Enumerable.Range(0, 400).Select(i => new Connection($"c{i}")).ToArray();
        Parallel.ForEach(tabs, tab => connections.Add("CODE", "CODE/ada", tab));
        Parallel.ForEach(tabs.Where((_, i) => i % 2 == 0), tab => connections.Remove("CODE", "CODE/ada", tab));

        Assert.Equal(tabs.Where((_, i) => i % 2 == 1).Select(tab => tab.ConnectionId).Order(), connections.OfStudent("CODE/ada").Order());
    }

    [Fact]
    public void Ending_a_session_closes_its_connections_and_no_other_session_s()
    {
        var connections = new StudentConnections();
        Connection mine = new("c1"), theirs = new("c2");
        connections.Add("CODE", "CODE/ada", mine);
        connections.Add("OTHER", "OTHER/alan", theirs);

        Assert.Equal(1, connections.CloseSession("CODE"));
        Assert.True(mine.Aborted);
        Assert.False(theirs.Aborted);
        Assert.Equal(0, connections.CloseSession("CODE"));
    }
}
