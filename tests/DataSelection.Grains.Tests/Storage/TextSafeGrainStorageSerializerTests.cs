using System.Collections.Immutable;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Storage;
using DataSelection.Grains.Students;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace DataSelection.Grains.Tests.Storage;

public class TextSafeGrainStorageSerializerTests
{
    private static OrleansGrainStorageSerializer Binary()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
    }

    private static StudentState Student()
    {
        var state = new StudentState { Identity = new StudentIdentity("CODE2345", "s1", "Ada", "cloud-titan", DateTimeOffset.UnixEpoch) }.WithAllParts();
        state.Parts[0].Lock = new LockRecord(new Prediction(30, null), DateTimeOffset.UnixEpoch);
        state.Parts[0].Runs = 2;
        state.Parts[0].LatestRun = new RunRecord("r2", 2, DateTimeOffset.UnixEpoch, new DedupSettings(0.8, 128, 5),
            new RunSummary("removed 48%", ImmutableSortedDictionary<string, double>.Empty.Add("flopsSavedPercent", 48.3), 48.3));
        return state;
    }

    [Fact]
    public void State_survives_storage_that_keeps_it_as_a_utf8_string()
    {
        var serializer = new TextSafeGrainStorageSerializer(Binary());

        // What the Redis provider does: store Serialize(...).ToString(), read it back as a string.
        var stored = serializer.Serialize(Student()).ToString();
        var read = serializer.Deserialize<StudentState>(BinaryData.FromString(stored))!;

        Assert.Equal(30, read.Parts[0].Lock!.Prediction.Value);
        Assert.Equal(new DedupSettings(0.8, 128, 5), read.Parts[0].LatestRun!.Settings);
        Assert.Equal(48.3, read.Parts[0].LatestRun!.Summary.Metrics["flopsSavedPercent"]);
    }

    [Fact]
    public void The_bare_binary_format_does_not_survive_a_utf8_string()
    {
        var binary = Binary();

        var stored = binary.Serialize(Student()).ToString();

        Assert.NotEqual(binary.Serialize(Student()).ToArray(), BinaryData.FromString(stored).ToArray());
    }
}
