using DataSelection.Client.Load;
using DataSelection.Client.Commands;

namespace DataSelection.Client.Tests.Load;

public sealed class PrometheusTextTests
{
    private const string Exposition = """
        # TYPE dotnet_process_cpu_time_seconds counter
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="user"} 1.25 1700000000000
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="system"} 0.25
        dotnet_process_cpu_time_seconds_total_other 99
        dotnet_process_memory_working_set_bytes{otel_scope_name="System.Runtime"} 1.048576e8
        """;

    [Fact]
    public void A_metric_is_the_sum_of_its_label_sets_and_ignores_longer_names()
    {
        Assert.Equal(1.5, PrometheusText.Sum(Exposition, "dotnet_process_cpu_time_seconds_total"));
        Assert.Equal(104857600, PrometheusText.Sum(Exposition, "dotnet_process_memory_working_set_bytes"));
    }

    [Fact]
    public void An_absent_metric_is_null_and_the_first_present_name_is_used()
    {
        Assert.Null(PrometheusText.Sum(Exposition, "process_cpu_time_seconds_total"));
        Assert.Equal(1.5, PrometheusText.FirstOf(Exposition, "process_cpu_time_seconds_total", "dotnet_process_cpu_time_seconds_total"));
    }

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("2m", 120)]
    [InlineData("500ms", 0.5)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    public void Durations_read_with_their_unit(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), CliOptions.ParseDuration(text));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("")]
    public void Durations_that_are_not_times_are_refused(string text)
    {
        Assert.Null(CliOptions.ParseDuration(text));
    }
}
