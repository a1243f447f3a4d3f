using System.Buffers;

namespace DataSelection.Simulation.Dedup;

/// <summary>
/// Union–find over document ids (Tarjan 1975) with path halving. The root of every set is its
/// lowest id, so a cluster's representative is the earliest document in training order.
/// The parent array is rented from the shared pool and returned by <see cref="Dispose"/>.
/// </summary>
internal sealed class DisjointSets : IDisposable
{
    private int[] _parent;

    public DisjointSets(int count)
    {
        _parent = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
        }
    }

    public int Find(int x)
    {
        var parent = _parent;
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    public void Union(int x, int y)
    {
        var rootX = Find(x);
        var rootY = Find(y);
        if (rootX < rootY)
        {
            _parent[rootY] = rootX;
        }
        else if (rootY < rootX)
        {
            _parent[rootX] = rootY;
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_parent);
        _parent = [];
    }
}
