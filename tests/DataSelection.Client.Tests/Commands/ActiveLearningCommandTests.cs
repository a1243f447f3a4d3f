using System.Globalization;
using System.Text;
using System.Text.Json;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Client.Tests.Commands;

public sealed class ActiveLearningCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Two Gaussian classes 3 sd apart along the first feature, labelled 7 and 9 to prove labels are mapped.</summary>
    private string WriteGaussianCsv(string name, int rows, ulong seed)
    {
        var random = new SeededRandom(seed);
        var text = new StringBuilder("f1,f2,f3,label\n");
        for (var i = 0; i < rows; i++)
        {
            var positive = random.NextBool(0.5);
            text.Append(CultureInfo.InvariantCulture,
                $"{random.NextGaussian(positive ? 1.5 : -1.5, 1):F4},{random.NextGaussian():F4},{random.NextGaussian():F4},{(positive ? 9 : 7)}\n");
        }
        return _directory.Write(name, text.ToString());
    }

    [Fact]
    public async Task Writes_the_accuracy_vs_labels_vs_cost_curve_as_json()
    {
        var pool = WriteGaussianCsv("pool.csv", 2_000, 1);
        var test = WriteGaussianCsv("test.csv", 1_000, 2);
        var output = _directory.File("out.json");

        var run = await CliRun.Of("active-learning", "--pool", pool, "--test", test, "--strategy", "entropy",
            "--batch-size", "10", "--seed-size", "10", "--budget", "60", "--label-cost", "2.5", "--output", output);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        Assert.Equal("entropy", root.GetProperty("strategy").GetString());
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
        Assert.Equal([7L, 9L], root.GetProperty("classes").EnumerateArray().Select(c => c.GetInt64()));
        var curve = root.GetProperty("curve").EnumerateArray().ToList();
        Assert.Equal([10, 20, 30, 40, 50, 60], curve.Select(p => p.GetProperty("labels").GetInt32()));
        Assert.All(curve, p => Assert.Equal(p.GetProperty("labels").GetInt32() * 2.5, p.GetProperty("cost").GetDouble(), 9));
        // Bayes accuracy of this task is Φ(1.5) ≈ 0.933; a trained learner with 60 labels gets close.
        Assert.InRange(curve[^1].GetProperty("accuracy").GetDouble(), 0.88, 1.0);
        Assert.Contains("entropy: 60 labels", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_files_and_seed_give_identical_curves_on_standard_output()
    {
        var pool = WriteGaussianCsv("pool.csv", 1_000, 3);
        var test = WriteGaussianCsv("test.csv", 500, 4);
        string[] args = ["active-learning", "--pool", pool, "--test", test, "--budget", "100", "--batch-size", "20", "--seed", "5"];

        var first = await CliRun.Of(args);
        var second = await CliRun.Of(args);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(Curve(first.Out), Curve(second.Out));
    }

    private static string Curve(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("curve").GetRawText();
    }

    [Fact]
    public async Task A_malformed_pool_fails_with_file_line_and_column()
    {
        var pool = _directory.Write("pool.csv", "a,label\n1,0\n2,x\n");
        var test = WriteGaussianCsv("test.csv", 10, 1);

        var run = await CliRun.Of("active-learning", "--pool", pool, "--test", test);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{pool}:3:3: expected a number", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Pool_and_test_with_different_columns_are_rejected()
    {
        var pool = WriteGaussianCsv("pool.csv", 50, 1);
        var test = _directory.Write("test.csv", "a,label\n1,0\n");

        var run = await CliRun.Of("active-learning", "--pool", pool, "--test", test);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("columns", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--batch-size", "0")]
    [InlineData("--budget", "-5")]
    [InlineData("--label-cost", "NaN")]
    [InlineData("--strategy", "psychic")]
    public async Task Out_of_range_options_are_rejected_before_any_work(string option, string value)
    {
        var pool = WriteGaussianCsv("pool.csv", 50, 1);
        var test = WriteGaussianCsv("test.csv", 50, 2);
        var output = _directory.File("out.json");

        var run = await CliRun.Of("active-learning", "--pool", pool, "--test", test, option, value, "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(option.TrimStart('-'), run.Error + run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task A_budget_below_the_seed_size_is_a_clear_error()
    {
        var pool = WriteGaussianCsv("pool.csv", 50, 1);
        var test = WriteGaussianCsv("test.csv", 50, 2);

        var run = await CliRun.Of("active-learning", "--pool", pool, "--test", test, "--budget", "5", "--seed-size", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--budget (5) must be at least --seed-size (10)", run.Error, StringComparison.Ordinal);
    }
}
