namespace DataSelection.Grains.Workbench;

/// <summary>
/// Lets one simulation per core run at a time on a silo: more would only share the same cores
/// and slow every one of them down.
/// </summary>
public sealed class SimulationThrottle : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public async Task<T> Run<T>(Func<T> simulation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return simulation();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
