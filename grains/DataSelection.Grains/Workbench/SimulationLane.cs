namespace DataSelection.Grains.Workbench;

/// <summary>How a simulation waits for a slot on its silo (see <see cref="SimulationThrottle"/>).</summary>
public enum SimulationLane
{
    /// <summary>A student's run: queued while the bounded queue has room, refused as busy beyond it.</summary>
    Student,

    /// <summary>A result someone must get (a page redrawn after the cache lost it): waits however long the queue is.</summary>
    Waiting,

    /// <summary>Warming the cache: one at a time, only while no student's simulation waits.</summary>
    Background,
}
