using System.Globalization;

namespace DataSelection.Client.Input;

/// <summary>
/// Reads a CSV of numbers with a header row. Every error names the file, the line and the column
/// (1-based, in characters) of the offending field.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Reads <paramref name="path"/>; <paramref name="minimumColumns"/> and <paramref name="minimumRows"/> are checked with a clear message.</summary>
    public static CsvTable Read(string path, int minimumColumns = 1, int minimumRows = 1, bool integerLastColumn = false)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, 0, 0, "file not found");
        }
        using var reader = new StreamReader(path);
        return Read(reader, path, minimumColumns, minimumRows, integerLastColumn);
    }

    /// <param name="integerLastColumn">The last column holds integer class labels (checked per row).</param>
    public static CsvTable Read(TextReader reader, string name, int minimumColumns = 1, int minimumRows = 1, bool integerLastColumn = false)
    {
        var headerLine = reader.ReadLine();
        if (headerLine is null || headerLine.Trim().Length == 0)
        {
            throw new InputFileException(name, 1, 1, "the file is empty; expected a header row");
        }
        var header = headerLine.Split(',').Select(h => h.Trim()).ToArray();
        if (header.Length < minimumColumns)
        {
            throw new InputFileException(name, 1, 1, $"expected at least {minimumColumns} columns in the header, found {header.Length}");
        }

        var values = new List<double>();
        var rows = 0;
        long lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            ReadRow(line, name, lineNumber, header.Length, integerLastColumn, values);
            rows++;
        }
        if (rows < minimumRows)
        {
            throw new InputFileException(name, lineNumber, 1, $"expected at least {minimumRows} data rows, found {rows}");
        }
        return new CsvTable(header, rows, header.Length, [.. values]);
    }

    private static void ReadRow(string line, string name, long lineNumber, int columns, bool integerLastColumn, List<double> values)
    {
        var start = 0;
        for (var column = 0; column < columns; column++)
        {
            var comma = line.IndexOf(',', start);
            var last = column == columns - 1;
            if (!last && comma < 0)
            {
                throw new InputFileException(name, lineNumber, line.Length + 1, $"expected {columns} fields, found {column + 1}");
            }
            if (last && comma >= 0)
            {
                throw new InputFileException(name, lineNumber, comma + 1, $"expected {columns} fields, found more");
            }
            var end = last ? line.Length : comma;
            var field = line.AsSpan(start, end - start).Trim();
            // double.TryParse ignores trailing NULs ("1.5\0" reads as 1.5); a field with one is not a number.
            if (field.Contains('\0') || !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InputFileException(name, lineNumber, start + 1, $"expected a number, found \"{Shorten(field).Replace("\0", "\\0", StringComparison.Ordinal)}\"");
            }
            if (!double.IsFinite(value))
            {
                throw new InputFileException(name, lineNumber, start + 1, $"expected a finite number, found \"{Shorten(field)}\"");
            }
            if (last && integerLastColumn && (value != Math.Floor(value) || Math.Abs(value) > int.MaxValue))
            {
                throw new InputFileException(name, lineNumber, start + 1, $"expected an integer class label, found \"{Shorten(field)}\"");
            }
            values.Add(value);
            start = end + 1;
        }
    }

    private static string Shorten(ReadOnlySpan<char> field) =>
        field.Length <= 40 ? field.ToString() : string.Concat(field[..40], "…");
}
