namespace DataSelection.Grains.Hosting;

/// <summary>How the lab's process is hosted, from <c>DataSelection:Mode</c>.</summary>
public enum LabHostingMode
{
    /// <summary>The gateway hosts the silo in its own process (<c>embedded</c>, the default): localhost clustering, SQLite state.</summary>
    Embedded,

    /// <summary>One stand-alone silo process (<c>silo</c>) on localhost clustering and SQLite; gateways reach it in <see cref="Client"/> mode.</summary>
    Silo,

    /// <summary>One of several silo processes (<c>cluster</c>): Redis membership and Redis grain state.</summary>
    Cluster,

    /// <summary>A gateway that hosts no silo (<c>client</c>): an Orleans client of the silos, through Redis when <c>DataSelection:Redis</c> is set.</summary>
    Client,
}
