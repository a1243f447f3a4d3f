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

public class ReusedBufferGrainStorageSerializerTests
{
    private static readonly Serializer Orleans = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static StudentState Student(int ledgerEntries, string detail = "{}")
    {
        var state = new StudentState { Identity = new StudentIdentity("CODE2345", "s1", "Ada", "cloud-titan", DateTimeOffset.UnixEpoch) }.WithAllParts();
        state.Parts[0].Lock = new LockRecord(new Prediction(30, null), DateTimeOffset.UnixEpoch);
        state.Parts[0].Runs = ledgerEntries;
        state.Parts[0].LatestRun = new RunRecord("r2", 2, DateTimeOffset.UnixEpoch, new DedupSettings(0.8, 128, 5),
            new RunSummary("removed 48%", ImmutableSortedDictionary<string, double>.Empty.Add("flopsSavedPercent", 48.3), 48.3));
        for (var i = 1; i <= ledgerEntries; i++)
        {
            state.Ledger.Add(new LedgerEntry(i, DateTimeOffset.UnixEpoch.AddSeconds(i), LedgerEntry.Run, 1, $"run {i}", detail + i));
        }
        return state;
    }

    [Fact]
    public void Writes_the_bytes_the_orleans_storage_serializer_writes_so_stored_states_read_either_way()
    {
        var reused = new ReusedBufferGrainStorageSerializer(Orleans);
        var orleans = new OrleansGrainStorageSerializer(Orleans);

        foreach (var state in new[] { Student(0), Student(32), Student(3) })
        {
            var bytes = reused.Serialize(state).ToArray();
            Assert.Equal(orleans.Serialize(state).ToArray(), bytes);
            var read = orleans.Deserialize<StudentState>(new BinaryData(bytes))!;
            Assert.Equal(state.Ledger, read.Ledger);
            Assert.Equal(30, reused.Deserialize<StudentState>(orleans.Serialize(state))!.Parts[0].Lock!.Prediction.Value);
        }
    }

    [Fact]
    public void A_small_state_after_a_large_one_on_the_same_thread_carries_nothing_of_it()
    {
        var reused = new ReusedBufferGrainStorageSerializer(Orleans);
        var large = reused.Serialize(Student(32, new string('x', 4_000))).ToArray();

        var small = reused.Serialize(Student(1)).ToArray();

        Assert.True(small.Length < large.Length / 10, $"{small.Length} bytes after {large.Length}");
        Assert.Equal(new OrleansGrainStorageSerializer(Orleans).Serialize(Student(1)).ToArray(), small);
        Assert.Single(reused.Deserialize<StudentState>(new BinaryData(small))!.Ledger);
    }

    [Fact]
    public void A_state_larger_than_the_kept_buffer_is_written_whole()
    {
        var reused = new ReusedBufferGrainStorageSerializer(Orleans);
        var huge = Student(8, new string('y', ReusedBufferGrainStorageSerializer.MaxKeptBytes / 4));

        var bytes = reused.Serialize(huge).ToArray();

        Assert.True(bytes.Length > ReusedBufferGrainStorageSerializer.MaxKeptBytes);
        Assert.Equal(huge.Ledger, reused.Deserialize<StudentState>(new BinaryData(bytes))!.Ledger);
        Assert.Equal(new OrleansGrainStorageSerializer(Orleans).Serialize(Student(2)).ToArray(), reused.Serialize(Student(2)).ToArray());
    }
}
