using DataSelection.Client.Input;

namespace DataSelection.Client.Tests.Input;

public class CsvTableReaderTests
{
    private static CsvTable Read(string text, int minimumColumns = 1, int minimumRows = 1) =>
        CsvTableReader.Read(new StringReader(text), "t.csv", minimumColumns, minimumRows);

    [Fact]
    public void Reads_a_header_and_numeric_rows()
    {
        var table = Read("a,b,label\n1.5,-2,0\n3e2, 4 ,1\n");
        Assert.Equal(["a", "b", "label"], table.Header);
        Assert.Equal(2, table.Rows);
        Assert.Equal(3, table.Columns);
        Assert.Equal(300.0, table[1, 0]);
        Assert.Equal(4.0, table[1, 1]);
        Assert.Equal([1.5, -2, 300, 4], table.FeaturesWithoutLastColumn());
    }

    [Fact]
    public void A_non_numeric_field_is_reported_with_its_line_and_column()
    {
        var error = Assert.Throws<InputFileException>(() => Read("a,b\n1,2\n3,abc\n"));
        Assert.Equal(3, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("abc", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("t.csv:3:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_row_is_reported_at_its_end()
    {
        var error = Assert.Throws<InputFileException>(() => Read("a,b,c\n1,2\n"));
        Assert.Equal(2, error.Line);
        Assert.Equal(4, error.Column);
        Assert.Contains("expected 3 fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_row_is_reported_at_the_extra_comma()
    {
        var error = Assert.Throws<InputFileException>(() => Read("a,b\n1,2,3\n"));
        Assert.Equal(2, error.Line);
        Assert.Equal(4, error.Column);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Non_finite_numbers_are_rejected(string field)
    {
        var error = Assert.Throws<InputFileException>(() => Read($"a\n{field}\n"));
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void An_empty_file_is_rejected()
    {
        var error = Assert.Throws<InputFileException>(() => Read(""));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_rows_or_columns_are_rejected()
    {
        Assert.Throws<InputFileException>(() => Read("a,b\n1,2\n", minimumRows: 2));
        Assert.Throws<InputFileException>(() => Read("a\n1\n", minimumColumns: 2));
    }

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        var error = Assert.Throws<InputFileException>(() => CsvTableReader.Read("/no/such/file.csv"));
        Assert.Contains("/no/such/file.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fractional_label_is_rejected_where_labels_are_integers()
    {
        var error = Assert.Throws<InputFileException>(() =>
            CsvTableReader.Read(new StringReader("x,label\n1,0\n2,0.5\n"), "t.csv", integerLastColumn: true));
        Assert.Equal(3, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("integer class label", error.Message, StringComparison.Ordinal);
    }
}
