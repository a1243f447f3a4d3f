using System.Globalization;
using System.Text;
using System.Text.Json;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Client.Tests.Commands;

public sealed class FidCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string WriteGaussian(string name, int rows, double shift, ulong seed)
    {
        var random = new SeededRandom(seed);
        var text = new StringBuilder("x,y\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{random.NextGaussian() + shift:R},{random.NextGaussian():R}\n");
        }
        return _directory.Write(name, text.ToString());
    }

    private static double Fid(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("fid").GetDouble();
    }

    [Fact]
    public async Task Identical_files_are_zero_apart()
    {
        var a = WriteGaussian("a.csv", 500, 0, 1);

        var run = await CliRun.Of("fid", "--a", a, "--b", a);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0.0, Fid(run.Out), 9);
    }

    [Fact]
    public async Task A_mean_shift_of_two_gives_a_distance_near_four()
    {
        var a = WriteGaussian("a.csv", 20_000, 0, 1);
        var b = WriteGaussian("b.csv", 20_000, 2, 2);

        var run = await CliRun.Of("fid", "--a", a, "--b", b);

        Assert.Equal(0, run.ExitCode);
        // Population FID is ‖Δμ‖² = 4 (equal covariances); sampling error of the means and
        // covariances at n = 20,000 is a few hundredths.
        Assert.InRange(Fid(run.Out), 3.85, 4.15);
        Assert.Contains("FID", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_with_different_columns_are_rejected()
    {
        var a = WriteGaussian("a.csv", 10, 0, 1);
        var b = _directory.Write("b.csv", "x\n1\n2\n");

        var run = await CliRun.Of("fid", "--a", a, "--b", b);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("expected 2 columns", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_row_cannot_have_a_covariance()
    {
        var a = _directory.Write("a.csv", "x,y\n1,2\n");

        var run = await CliRun.Of("fid", "--a", a, "--b", a);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("at least 2 data rows", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_row_names_its_line()
    {
        var a = WriteGaussian("a.csv", 10, 0, 1);
        var b = _directory.Write("b.csv", "x,y\n1,2\n3,4\n5\n");

        var run = await CliRun.Of("fid", "--a", a, "--b", b);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{b}:4:2: expected 2 fields", run.Error, StringComparison.Ordinal);
    }
}
