using System.Collections.Concurrent;

namespace DataSelection.Grains.Tests.Lab;

/// <summary>Polls for something pushed asynchronously, for at most half a minute.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task True(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public static async Task<T> Arrives<T>(ConcurrentQueue<T> received, Func<T, bool> match)
    {
        T? found = default;
        await True(() => (found = received.FirstOrDefault(match)) is not null);
        return found!;
    }
}
