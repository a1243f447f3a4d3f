using System.Collections.Immutable;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Grains.Storage;
using DataSelection.Grains.Students;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace DataSelection.Grains.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "snapshot";
    private static readonly DateTimeOffset LockedAt = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly TemporaryDataDirectory _data = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_realistic_state_round_trips_through_a_real_file()
    {
        await using var storage = NewStorage();
        var grain = GrainId.Create("student", "ABC123/s1");
        var written = new GrainState<SnapshotState>(RealisticState());

        await storage.WriteStateAsync(StateName, grain, written);
        var read = new GrainState<SnapshotState>();
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        var state = read.State!;
        Assert.Equal("Cloud Titan audit", state.Title);
        Assert.Equal(RealisticState().Ledger.ToArray(), state.Ledger.ToArray());
        Assert.Equal(3, state.SettingsByPart.Count);
        Assert.Equal(new DedupSettings(0.8, 128, 5), Assert.IsType<DedupSettings>(state.SettingsByPart[1]));
        Assert.Equal(new ActiveLearningSettings("margin", 20, 400), Assert.IsType<ActiveLearningSettings>(state.SettingsByPart[2]));
        Assert.Equal(new DomainGapSettings(0.5, 0.3), Assert.IsType<DomainGapSettings>(state.SettingsByPart[3]));
        Assert.Equal(new LockRecord(new Prediction(null, "fewer"), LockedAt), state.Lock);
        Assert.Null(state.Score);
        Assert.Equal(7, state.RunsByTrack["cloud-titan"]);
    }

    [Fact]
    public async Task The_student_grain_state_round_trips_with_its_lock_run_and_ledger()
    {
        await using var storage = NewStorage();
        var grain = GrainId.Create("student", "ABC123/s1");
        var student = new StudentState { Identity = new StudentIdentity("ABC123", "s1", "Ada", "edge-guardian", LockedAt) }.WithAllParts();
        student.Parts[1].Lock = new LockRecord(new Prediction(null, "fewer"), LockedAt);
        student.Parts[1].Runs = 3;
        student.Parts[1].LatestRun = new RunRecord(
            "run-3", 3, LockedAt.AddMinutes(5), new ActiveLearningSettings("margin", 20, 400),
            new RunSummary("knee at 220 labels", ImmutableSortedDictionary<string, double>.Empty.Add("accuracy", 0.91), Outcome: null));
        student.Ledger.Add(Entry(1, "locked fewer"));

        await storage.WriteStateAsync("student", grain, new GrainState<StudentState>(student));
        var read = new GrainState<StudentState>();
        await storage.ReadStateAsync("student", grain, read);

        var part2 = read.State!.Parts[1];
        Assert.Equal(student.Identity, read.State.Identity);
        Assert.Equal(student.Parts[1].Lock, part2.Lock);
        Assert.Equal(3, part2.Runs);
        Assert.Equal(new ActiveLearningSettings("margin", 20, 400), part2.LatestRun!.Settings);
        Assert.Equal(0.91, part2.LatestRun.Summary.Metrics["accuracy"]);
        Assert.Null(part2.LatestRun.Summary.Outcome);
        Assert.Equal(student.Ledger, read.State.Ledger);
        Assert.Null(read.State.Parts[0].Lock);
    }

    [Fact]
    public async Task A_grain_never_written_reads_as_a_fresh_state_without_an_etag()
    {
        await using var storage = NewStorage();
        var read = new GrainState<SnapshotState>(RealisticState());

        await storage.ReadStateAsync(StateName, GrainId.Create("student", "nobody"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Empty(read.State!.Ledger);
    }

    [Fact]
    public async Task Each_write_issues_a_new_etag_and_the_next_write_must_present_it()
    {
        await using var storage = NewStorage();
        var grain = GrainId.Create("student", "s1");
        var state = new GrainState<SnapshotState>(RealisticState());

        await storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_newer_state()
    {
        await using var storage = NewStorage();
        var grain = GrainId.Create("student", "s1");
        var current = new GrainState<SnapshotState>(RealisticState());
        await storage.WriteStateAsync(StateName, grain, current);
        var stale = new GrainState<SnapshotState>(new SnapshotState { Title = "stale" }) { ETag = current.ETag };
        current.State!.Title = "newer";
        await storage.WriteStateAsync(StateName, grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        var read = new GrainState<SnapshotState>();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("newer", read.State!.Title);
    }

    [Fact]
    public async Task A_first_write_over_an_existing_record_throws_InconsistentStateException()
    {
        await using var storage = NewStorage();
        var grain = GrainId.Create("student", "s1");
        await storage.WriteStateAsync(StateName, grain, new GrainState<SnapshotState>(RealisticState()));

        var unaware = new GrainState<SnapshotState>(new SnapshotState { Title = "second activation" });

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, unaware));
    }

    [Fact]
    public async Task Clearing_removes_the_state_and_an_etag_from_before_the_clear_still_conflicts()
    {
        await using var storage = NewStorage();
        var grain = GrainId.Create("student", "s1");
        var state = new GrainState<SnapshotState>(RealisticState());
        await storage.WriteStateAsync(StateName, grain, state);
        var beforeClear = new GrainState<SnapshotState>(RealisticState()) { ETag = state.ETag };

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        Assert.Equal("", state.State!.Title);
        var read = new GrainState<SnapshotState>(RealisticState());
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal("", read.State!.Title);
        Assert.Equal(state.ETag, read.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, beforeClear));

        await storage.WriteStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task States_of_different_grains_and_state_names_are_kept_apart()
    {
        await using var storage = NewStorage();
        var grain = GrainId.Create("student", "s1");
        await storage.WriteStateAsync(StateName, grain, new GrainState<SnapshotState>(new SnapshotState { Title = "one" }));
        await storage.WriteStateAsync("other", grain, new GrainState<SnapshotState>(new SnapshotState { Title = "two" }));
        await storage.WriteStateAsync(StateName, GrainId.Create("session", "s1"), new GrainState<SnapshotState>(new SnapshotState { Title = "three" }));

        var read = new GrainState<SnapshotState>();
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.Equal("one", read.State!.Title);
    }

    [Fact]
    public async Task An_acknowledged_write_is_read_back_by_a_new_provider_on_the_same_file()
    {
        var grain = GrainId.Create("student", "s1");
        var written = new GrainState<SnapshotState>(RealisticState());
        await using (var first = NewStorage())
        {
            await first.WriteStateAsync(StateName, grain, written);
        }

        await using var second = NewStorage();
        var read = new GrainState<SnapshotState>();
        await second.ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(written.State!.Ledger.ToArray(), read.State!.Ledger.ToArray());
        Assert.Equal(written.State!.SettingsByPart[2], read.State!.SettingsByPart[2]);
    }

    [Fact]
    public async Task The_database_file_keeps_a_write_ahead_log()
    {
        await using var storage = NewStorage();
        await storage.InitializeAsync();

        await using var connection = new SqliteConnection($"Data Source={storage.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_new_file_gets_pages_that_hold_a_student_state_whole()
    {
        await using var storage = NewStorage();
        await storage.InitializeAsync();

        Assert.Equal(SqliteGrainStorage.NewFilePageSize, await Scalar<long>(storage.DatabasePath, "PRAGMA page_size;"));
        Assert.DoesNotContain("WITHOUT ROWID", await Scalar<string>(storage.DatabasePath, "SELECT sql FROM sqlite_master WHERE name = 'grain_state';"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_made_by_an_earlier_build_keeps_its_layout_and_its_states()
    {
        // The earlier layout: 4 KB pages, the table WITHOUT ROWID, a state already in it.
        var grain = GrainId.Create("student", "s1");
        var path = Path.Combine(_data.Path, new SqliteGrainStorageOptions().FileName);
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            command.CommandText = """
                PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;
                CREATE TABLE grain_state (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB,
                    PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;
                INSERT INTO grain_state VALUES ('snapshot', $grain, 1, $payload);
                """;
            command.Parameters.AddWithValue("$grain", grain.ToString());
            var serializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>());
            command.Parameters.AddWithValue("$payload", serializer.Serialize(new SnapshotState { Title = "stored by an earlier build" }).ToArray());
            await command.ExecuteNonQueryAsync();
        }

        await using (var storage = NewStorage())
        {
            var read = new GrainState<SnapshotState>();
            await storage.ReadStateAsync(StateName, grain, read);
            Assert.Equal("stored by an earlier build", read.State!.Title);
            read.State.Title = "written again";
            await storage.WriteStateAsync(StateName, grain, read);
            await storage.WriteStateAsync(StateName, GrainId.Create("student", "s2"), new GrainState<SnapshotState>(RealisticState()));
        }

        await using var reopened = NewStorage();
        var again = new GrainState<SnapshotState>();
        await reopened.ReadStateAsync(StateName, grain, again);
        Assert.Equal("written again", again.State!.Title);
        var other = new GrainState<SnapshotState>();
        await reopened.ReadStateAsync(StateName, GrainId.Create("student", "s2"), other);
        Assert.Equal(RealisticState().Ledger.ToArray(), other.State!.Ledger.ToArray());
        Assert.Equal(4096, await Scalar<long>(path, "PRAGMA page_size;"));
        Assert.Contains("WITHOUT ROWID", await Scalar<string>(path, "SELECT sql FROM sqlite_master WHERE name = 'grain_state';"), StringComparison.Ordinal);
    }

    private static async Task<T> Scalar<T>(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Two_hundred_grains_writing_in_parallel_lose_nothing()
    {
        const int Grains = 200;
        const int WritesPerGrain = 5;
        await using var storage = NewStorage();

        await Task.WhenAll(Enumerable.Range(0, Grains).Select(index => Task.Run(async () =>
        {
            var grain = GrainId.Create("student", $"s{index}");
            var state = new GrainState<SnapshotState>(new SnapshotState());
            for (var write = 1; write <= WritesPerGrain; write++)
            {
                state.State!.Ledger = state.State!.Ledger.Add(Entry(write, $"grain {index} write {write}"));
                await storage.WriteStateAsync(StateName, grain, state);
            }
        })));

        for (var index = 0; index < Grains; index++)
        {
            var read = new GrainState<SnapshotState>();
            await storage.ReadStateAsync(StateName, GrainId.Create("student", $"s{index}"), read);
            Assert.Equal(WritesPerGrain, read.State!.Ledger.Length);
            Assert.Equal($"grain {index} write {WritesPerGrain}", read.State!.Ledger[^1].Summary);
        }
    }

    [Fact]
    public async Task Options_without_a_data_directory_or_connection_string_are_rejected()
    {
        var services = new ServiceCollection().AddSerializer().AddLogging()
            .AddSqliteGrainStorage("lab", _ => { })
            .BuildServiceProvider();
        await using var _ = services;

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => services.GetRequiredKeyedService<IGrainStorage>("lab"));
        Assert.Contains("DataDirectory", error.Message, StringComparison.Ordinal);
    }

    private SqliteGrainStorage NewStorage()
    {
        var options = new SqliteGrainStorageOptions
        {
            DataDirectory = _data.Path,
            GrainStorageSerializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
        };
        return new SqliteGrainStorage("lab", options, _services.GetRequiredService<IActivatorProvider>(), NullLogger<SqliteGrainStorage>.Instance);
    }

    private static LedgerEntry Entry(int sequence, string summary) =>
        new(sequence, LockedAt.AddMinutes(sequence), LedgerEntry.Run, 1, summary, """{"threshold":0.8}""");

    private static SnapshotState RealisticState() => new()
    {
        Title = "Cloud Titan audit",
        Ledger = [Entry(1, "locked 40%"), Entry(2, "ran threshold 0.8")],
        SettingsByPart = ImmutableDictionary<int, WorkbenchSettings>.Empty
            .Add(1, new DedupSettings(0.8, 128, 5))
            .Add(2, new ActiveLearningSettings("margin", 20, 400))
            .Add(3, new DomainGapSettings(0.5, 0.3)),
        Lock = new LockRecord(new Prediction(null, "fewer"), LockedAt),
        Score = null,
        RunsByTrack = new() { ["cloud-titan"] = 7 },
    };
}
