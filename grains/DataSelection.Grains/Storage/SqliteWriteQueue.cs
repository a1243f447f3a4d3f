using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace DataSelection.Grains.Storage;

/// <summary>
/// The one writer of a grain state database. Writes queue up while a commit is on disk and then go in
/// together as one transaction (group commit): each still succeeds or conflicts on its own, but the batch
/// shares one fsync, so 200 students locking at once wait for a few commits, not for 200 of them in a row.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    /// <summary>Caps a transaction so the first write in a burst is not held up by thousands behind it.</summary>
    public const int MaxWritesPerCommit = 256;

    private const string InsertState = """
        INSERT INTO grain_state (state_name, grain_id, version, payload) VALUES ($state, $grain, $next, $payload)
        ON CONFLICT (state_name, grain_id) DO NOTHING;
        """;

    private const string UpdateState = """
        UPDATE grain_state SET version = $next, payload = $payload
        WHERE state_name = $state AND grain_id = $grain AND version = $expected;
        """;

    private readonly SqliteConnection _connection;
    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <param name="connection">An open connection in WAL mode with <c>synchronous=FULL</c>; the queue owns it from now on.</param>
    public SqliteWriteQueue(SqliteConnection connection)
    {
        _connection = connection;
        // Off the caller's scheduler: a grain's turn must not host the writer loop.
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>
    /// Stores <paramref name="payload"/> (null clears) as version <paramref name="expected"/> + 1 if the row's version
    /// is still <paramref name="expected"/> (0: no row yet). Completes after the commit: with the new version, or
    /// null when the version did not match.
    /// </summary>
    public Task<long?> ReplaceAsync(string stateName, string grainId, long expected, byte[]? payload)
    {
        var write = new PendingWrite(stateName, grainId, expected, payload);
        return _pending.Writer.TryWrite(write)
            ? write.Completion.Task
            : throw new ObjectDisposedException(nameof(SqliteGrainStorage));
    }

    /// <summary>Lets the queued writes finish, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        await using var insert = Command(InsertState);
        await using var update = Command(UpdateState);
        update.Parameters.Add("$expected", SqliteType.Integer);
        var batch = new List<PendingWrite>(MaxWritesPerCommit);
        var outcomes = new long?[MaxWritesPerCommit];

        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxWritesPerCommit && _pending.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await using (var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync().ConfigureAwait(false))
                {
                    insert.Transaction = transaction;
                    update.Transaction = transaction;
                    for (var index = 0; index < batch.Count; index++)
                    {
                        outcomes[index] = await ExecuteAsync(batch[index], batch[index].Expected == 0 ? insert : update).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync().ConfigureAwait(false);
                }

                StorageMetrics.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                StorageMetrics.WritesPerCommit.Record(batch.Count);

                for (var index = 0; index < batch.Count; index++)
                {
                    batch[index].Completion.TrySetResult(outcomes[index]);
                }
            }
            catch (Exception error)
            {
                // Nothing of this batch was committed: every write in it fails and its grain keeps its old ETag.
                // The loop goes on, so one bad batch (a full disk, say) does not leave later writes hanging.
                foreach (var write in batch)
                {
                    write.Completion.TrySetException(error);
                }
            }

            batch.Clear();
        }
    }

    private static async Task<long?> ExecuteAsync(PendingWrite write, SqliteCommand command)
    {
        var next = write.Expected + 1;
        command.Parameters["$state"].Value = write.StateName;
        command.Parameters["$grain"].Value = write.GrainId;
        command.Parameters["$next"].Value = next;
        command.Parameters["$payload"].Value = (object?)write.Payload ?? DBNull.Value;
        if (write.Expected != 0)
        {
            command.Parameters["$expected"].Value = write.Expected;
        }

        return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1 ? next : null;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$state", SqliteType.Text);
        command.Parameters.Add("$grain", SqliteType.Text);
        command.Parameters.Add("$next", SqliteType.Integer);
        command.Parameters.Add("$payload", SqliteType.Blob);
        return command;
    }

    private sealed record PendingWrite(string StateName, string GrainId, long Expected, byte[]? Payload)
    {
        public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
