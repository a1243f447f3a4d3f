namespace DataSelection.Simulation.Dedup;

/// <summary>
/// Union–find over document ids (Tarjan 1975) with path halving. The root of every set is its
/// lowest id, so a cluster's representative is the earliest document in training order.
/// </summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;

    public DisjointSets(int count)
    {
        _parent = new int[count];
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
}
