using DataSelection.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace DataSelection.Grains.Tests.Hosting;

public sealed class LabSiloSettingsTests
{
    [Fact]
    public void Empty_configuration_gives_an_embedded_silo_on_the_documented_defaults()
    {
        var settings = LabSiloSettings.From(Configuration());

        Assert.Equal(LabHostingMode.Embedded, settings.Mode);
        Assert.Equal(Path.GetFullPath("./data"), settings.DataDirectory);
        Assert.Equal(11111, settings.SiloPort);
        Assert.Equal(30000, settings.GatewayPort);
        Assert.Equal("dataselection-lab", settings.ClusterId);
        Assert.Equal("dataselection-lab", settings.ServiceId);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ShutdownTimeout);
    }

    [Fact]
    public void Every_setting_is_read_from_the_DataSelection_section()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lab-data");

        var settings = LabSiloSettings.From(Configuration(
            ("DataSelection:Mode", "Silo"),
            ("DataSelection:DataDirectory", directory),
            ("DataSelection:ClusterId", "seminar"),
            ("DataSelection:ServiceId", "lab"),
            ("DataSelection:SiloPort", "21111"),
            ("DataSelection:GatewayPort", "31000"),
            ("DataSelection:ShutdownTimeoutSeconds", "5")));

        Assert.Equal(new LabSiloSettings(LabHostingMode.Silo, directory, "seminar", "lab", 21111, 31000, TimeSpan.FromSeconds(5)), settings);
    }

    [Fact]
    public void Cluster_mode_is_refused_with_a_message_that_names_what_is_missing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LabSiloSettings.From(Configuration(("DataSelection:Mode", "cluster"))));

        Assert.Contains("Redis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_mode_reads_the_Redis_connection_string_and_the_advertised_address()
    {
        var settings = LabSiloSettings.From(Configuration(
            ("DataSelection:Mode", "cluster"),
            ("DataSelection:Redis", "redis:6379,password=secret"),
            ("DataSelection:AdvertisedAddress", "10.1.2.3")));

        Assert.Equal(LabHostingMode.Cluster, settings.Mode);
        Assert.Equal("redis:6379,password=secret", settings.Redis);
        Assert.Equal(System.Net.IPAddress.Parse("10.1.2.3"), settings.AdvertisedAddress);
    }

    [Fact]
    public void Client_mode_needs_no_Redis_because_it_can_reach_one_localhost_silo()
    {
        var settings = LabSiloSettings.From(Configuration(("DataSelection:Mode", "client")));

        Assert.Equal(LabHostingMode.Client, settings.Mode);
        Assert.Null(settings.Redis);
    }

    [Theory]
    [InlineData("DataSelection:Mode", "laptop")]
    [InlineData("DataSelection:SiloPort", "0")]
    [InlineData("DataSelection:GatewayPort", "70000")]
    [InlineData("DataSelection:SiloPort", "eleven")]
    [InlineData("DataSelection:ShutdownTimeoutSeconds", "-1")]
    [InlineData("DataSelection:AdvertisedAddress", "no such host.invalid")]
    public void An_unusable_value_is_refused_naming_its_key(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LabSiloSettings.From(Configuration((key, value))));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grain_calls_carry_traces_only_when_traces_are_exported_or_tracing_is_switched_on()
    {
        Assert.False(LabSiloSettings.From(Configuration()).Tracing);
        Assert.True(LabSiloSettings.From(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"))).Tracing);
        Assert.True(LabSiloSettings.From(Configuration(("DataSelection:Tracing", "true"))).Tracing);
        Assert.False(LabSiloSettings.From(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("DataSelection:Tracing", "false"))).Tracing);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)))
            .Build();
}
