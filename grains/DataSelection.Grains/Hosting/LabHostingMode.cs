namespace DataSelection.Grains.Hosting;

/// <summary>How the lab's silo is hosted, from <c>DataSelection:Mode</c>.</summary>
public enum LabHostingMode
{
    /// <summary>The gateway hosts the silo in its own process (<c>embedded</c>, the default).</summary>
    Embedded,

    /// <summary>A stand-alone silo process (<c>silo</c>); gateways reach it as Orleans clients on its gateway port.</summary>
    Silo,
}
