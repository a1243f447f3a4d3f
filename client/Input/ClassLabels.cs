namespace DataSelection.Client.Input;

/// <summary>The distinct integer labels of a data set, in ascending order, mapped to class indices 0…K−1.</summary>
public sealed class ClassLabels
{
    private readonly Dictionary<long, int> _index;

    private ClassLabels(long[] values)
    {
        Values = values;
        _index = values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
    }

    public IReadOnlyList<long> Values { get; }

    /// <summary>The labels found in the last column of any of <paramref name="tables"/>.</summary>
    public static ClassLabels From(params CsvTable[] tables) =>
        new([.. tables.SelectMany(LastColumn).Distinct().Order()]);

    public int[] IndicesOf(CsvTable table) => [.. LastColumn(table).Select(v => _index[v])];

    private static IEnumerable<long> LastColumn(CsvTable table) =>
        Enumerable.Range(0, table.Rows).Select(r => (long)table[r, table.Columns - 1]);
}
