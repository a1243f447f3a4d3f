namespace DataSelection.Simulation.Progress;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler at once, on the reporting thread, in order.</summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
