using Orleans.Storage;

namespace DataSelection.Grains.Storage;

/// <summary>Where <see cref="SqliteGrainStorage"/> keeps grain state, and how it serializes it.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>File name of the database inside <see cref="DataDirectory"/>.</summary>
    public const string DefaultFileName = "lab.db";

    /// <summary>How long a write waits for another connection's lock before it fails.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Folder of the database file (created if missing). Used when <see cref="ConnectionString"/> is not set.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>File name of the database inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = DefaultFileName;

    /// <summary>A full Microsoft.Data.Sqlite connection string; wins over <see cref="DataDirectory"/>. Must name a file, not <c>:memory:</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long an operation waits for a lock held by another connection (SQLITE_BUSY) before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>Silo lifecycle stage at which the database is opened and its table created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>
    /// Turns grain state into bytes and back. Unless set, the Orleans serializer: it round-trips every
    /// <c>[GenerateSerializer]</c> type exactly (abstract record hierarchies, immutable collections) and tolerates
    /// added <c>[Id]</c> members, which System.Text.Json does not without extra attributes.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
