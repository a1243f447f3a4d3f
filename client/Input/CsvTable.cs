namespace DataSelection.Client.Input;

/// <summary>A numeric CSV read into memory: a header and a row-major matrix of finite values.</summary>
public sealed record CsvTable(string[] Header, int Rows, int Columns, double[] Values)
{
    public double this[int row, int column] => Values[row * Columns + column];

    /// <summary>All columns but the last, row-major.</summary>
    public double[] FeaturesWithoutLastColumn()
    {
        var features = Columns - 1;
        var result = new double[Rows * features];
        for (var r = 0; r < Rows; r++)
        {
            Array.Copy(Values, r * Columns, result, r * features, features);
        }
        return result;
    }
}
