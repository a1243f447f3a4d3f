using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace DataSelection.Grains.Storage;

/// <summary>
/// Grain state in one SQLite file: a row per (state name, grain id) holding a version number, which is the ETag,
/// and the serialized state. A write returns only once SQLite has committed it to disk.
/// </summary>
/// <remarks>
/// Durability: the journal is a write-ahead log and <c>synchronous=FULL</c> fsyncs it on every commit, so an
/// acknowledged write survives a killed process and also a power cut or OS crash (<c>NORMAL</c> would only
/// survive the first). Concurrency: every write goes through one writer connection (<see cref="SqliteWriteQueue"/>,
/// which commits queued writes together), so grains never race each other for SQLite's single write lock; reads
/// use pooled connections and run alongside the writer, which WAL allows. Another process on the same file waits up to <see cref="SqliteGrainStorageOptions.BusyTimeout"/>.
/// Clearing keeps the row with no state and a new version, so an activation holding an older ETag still conflicts.
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The page size of a new file. With 8 KB pages in a rowid table, a student's state (≈ 4–6 KB) sits whole in
    /// its table page, so the write a run makes changes that page and little else; with 4 KB pages in the earlier
    /// WITHOUT ROWID table it spilled into overflow pages that were freed and taken again on every write (about
    /// twice the pages written, and twice the write calls). A file made by an earlier build keeps its pages and its
    /// table: SQLite applies a page size only to an empty file, and every statement here reads both layouts.
    /// </summary>
    public const int NewFilePageSize = 8192;

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            version    INTEGER NOT NULL,
            payload    BLOB,
            PRIMARY KEY (state_name, grain_id)
        );
        """;

    private const string SelectState =
        "SELECT version, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain;";

    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IActivatorProvider _activators;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly Lock _initLock = new();
    private Task? _initialization;
    private SqliteWriteQueue? _writes;
    private string _readerConnectionString = "";
    private bool _disposed;

    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        IActivatorProvider activators,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(activators);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.GrainStorageSerializer is null)
        {
            throw new ArgumentException("The options carry no GrainStorageSerializer.", nameof(options));
        }

        _name = name;
        _options = options;
        _activators = activators;
        _logger = logger;
    }

    /// <summary>Path of the database file this provider writes to.</summary>
    public string DatabasePath { get; private set; } = "";

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        // Opened at start so a bad path fails the silo at once. Closed only when the container disposes the
        // provider, after the last grain has deactivated and written its state.
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{_name}", _options.InitStage, InitializeAsync);
    }

    /// <summary>Opens the database, switches it to WAL and creates the table. Idempotent; operations call it too.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        lock (_initLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _initialization ??= OpenAsync(cancellationToken);
        }
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await InitializeAsync().ConfigureAwait(false);

        await using var connection = new SqliteConnection(_readerConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, SelectState, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);

        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            grainState.State = _activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(0);
        grainState.ETag = ToETag(version);
        if (reader.IsDBNull(1))
        {
            grainState.State = _activators.GetActivator<T>().Create();
            grainState.RecordExists = false;
            return;
        }

        var payload = (byte[])reader.GetValue(1);
        grainState.State = _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload));
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = Bytes(_options.GrainStorageSerializer.Serialize(grainState.State));
        var version = await ReplaceAsync(stateName, grainId, grainState.ETag, payload).ConfigureAwait(false);
        grainState.ETag = ToETag(version);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var version = await ReplaceAsync(stateName, grainId, grainState.ETag, payload: null).ConfigureAwait(false);
        grainState.ETag = ToETag(version);
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.RecordExists = false;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteWriteQueue? writes;
        lock (_initLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            writes = _writes;
            _writes = null;
        }

        if (writes is not null)
        {
            await writes.DisposeAsync().ConfigureAwait(false);
        }

        if (_readerConnectionString.Length > 0)
        {
            // Pooled reader connections would otherwise keep the file open after the provider is gone.
            using var pooled = new SqliteConnection(_readerConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The serialized state as one array: the serializer's own when it is exactly that, else a copy.</summary>
    private static byte[] Bytes(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment is { Array: { } array, Offset: 0 } && segment.Count == array.Length
            ? array
            : data.ToArray();

    /// <summary>Writes <paramref name="payload"/> (null clears) if the stored version still equals <paramref name="etag"/>; returns the new version.</summary>
    private async Task<long> ReplaceAsync(string stateName, GrainId grainId, string? etag, byte[]? payload)
    {
        var expected = ParseETag(stateName, grainId, etag);
        await InitializeAsync().ConfigureAwait(false);
        var writes = _writes ?? throw new ObjectDisposedException(nameof(SqliteGrainStorage));

        if (await writes.ReplaceAsync(stateName, grainId.ToString(), expected, payload).ConfigureAwait(false) is { } version)
        {
            return version;
        }

        LogConflict(_logger, _name, stateName, grainId, etag);
        throw new InconsistentStateException(
            $"Grain state '{stateName}' of {grainId} was changed by someone else since ETag '{etag ?? "none"}' was read.",
            storedEtag: "unknown",
            currentEtag: etag ?? "none");
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(_options.ConnectionString ?? "");
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            var directory = Path.GetFullPath(_options.DataDirectory!);
            Directory.CreateDirectory(directory);
            builder.DataSource = Path.Combine(directory, _options.FileName);
        }

        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds);
        DatabasePath = builder.DataSource;

        builder.Pooling = true;
        _readerConnectionString = builder.ConnectionString;
        builder.Pooling = false;
        var writer = new SqliteConnection(builder.ConnectionString);
        try
        {
            await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragmas = writer.CreateCommand())
            {
                pragmas.CommandText = FormattableString.Invariant($"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds};");
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                // Before the switch to WAL, which fixes the page size of a new file.
                pragmas.CommandText = FormattableString.Invariant($"PRAGMA page_size = {NewFilePageSize};");
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                pragmas.CommandText = "PRAGMA journal_mode = WAL;";
                var journal = (string?)await pragmas.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"SQLite grain storage '{_name}' could not switch {DatabasePath} to WAL (got '{journal}'); is it on a network drive?");
                }

                // synchronous is a per-connection setting: set once here, it covers every write.
                pragmas.CommandText = $"PRAGMA synchronous = FULL; {CreateTable}";
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        lock (_initLock)
        {
            if (_disposed)
            {
                writer.Dispose();
                throw new ObjectDisposedException(nameof(SqliteGrainStorage));
            }

            _writes = new SqliteWriteQueue(writer);
        }

        LogOpened(_logger, _name, DatabasePath);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return command;
    }

    private static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>0 stands for "never written": the write must be the first.</summary>
    private static long ParseETag(string stateName, GrainId grainId, string? etag)
    {
        if (etag is null)
        {
            return 0;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new InconsistentStateException(
                $"Grain state '{stateName}' of {grainId} carries ETag '{etag}', which this storage never issued.",
                storedEtag: "unknown",
                currentEtag: etag);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage {Name} opened {Path}")]
    private static partial void LogOpened(ILogger logger, string name, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain storage {Name}: ETag conflict writing {StateName} of {GrainId} (ETag {ETag})")]
    private static partial void LogConflict(ILogger logger, string name, string stateName, GrainId grainId, string? etag);
}
