using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace RelationGraph.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on its own connection and thread, so the single
/// writer's commits only append to the log. With SQLite's automatic checkpoint the commit that crosses the
/// threshold does the copying itself, on the writer's thread.
/// </summary>
/// <remarks>
/// A checkpoint starts once the writer has written <c>thresholdPages</c> pages since the last one started.
/// PASSIVE mode never blocks the writer or readers; SQLite restarts the log from its beginning once it is
/// fully copied, so the file stays near the threshold. At most one checkpoint runs at a time: a writer
/// that outruns it waits for it before starting the next, which bounds the log.
/// </remarks>
internal sealed class WalCheckpointer(string connectionString, int thresholdPages, ILogger logger) : IAsyncDisposable
{
    private SqliteConnection? _connection;
    private Task _running = Task.CompletedTask;
    private long _pagesSinceStart;

    /// <summary>Checkpoints completed so far (for tests).</summary>
    public int Completed { get; private set; }

    /// <summary>Waits for the checkpoint in progress, if any (for tests).</summary>
    public Task WhenIdle => _running;

    /// <summary>
    /// Called by the writer after each commit, inside its gate: counts the pages the write connection wrote
    /// since the last call and starts a checkpoint when enough have piled up.
    /// </summary>
    public async ValueTask AfterCommitAsync(SqliteConnection writeConnection)
    {
        _pagesSinceStart += PagesWrittenSinceLastCall(writeConnection);
        if (_pagesSinceStart < thresholdPages)
        {
            return;
        }

        await _running.ConfigureAwait(false);
        _pagesSinceStart = 0;
        _running = Task.Run(CheckpointAsync);
    }

    /// <summary>Waits for a running checkpoint and closes the connection; SQLite checkpoints what is left when the last connection closes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _running.ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    // SQLITE_DBSTATUS_CACHE_WRITE: pages the connection's page cache wrote to the log, reset on every read.
    private static long PagesWrittenSinceLastCall(SqliteConnection connection)
    {
        var rc = raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
        return rc == raw.SQLITE_OK ? pages : 0;
    }

    private async Task CheckpointAsync()
    {
        try
        {
            if (_connection is null)
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                _connection = connection;
            }

            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            Completed++;
        }
        catch (Exception ex)
        {
            // whatever went wrong must not surface in the writer, whose commit already succeeded; nothing is lost:
            // the log keeps the pages, and the next checkpoint (or closing the store) copies them
            logger.CheckpointFailed(ex);
        }
    }
}
