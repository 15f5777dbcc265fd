using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RelationGraph.Storage.Sqlite;

// The schema, applied at every open (the scripts are idempotent), and the one-time migration of files written by older
// versions.
public sealed partial class SqliteGraphStore
{
    // Each step is retried on busy: another process may be opening the same file at the same moment.
    private async Task ApplySchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _retry.ExecuteAsync(_ => { ExecuteScript(connection, Sql.Get("schema.sql")); return ValueTask.CompletedTask; }, cancellationToken);
        await _retry.ExecuteAsync(_ => { MigrateMentionsTable(connection); return ValueTask.CompletedTask; }, cancellationToken);
        // also what finishes a bulk load whose process was killed: its indexes are built now
        await _retry.ExecuteAsync(_ => { ExecuteScript(connection, Sql.Get("secondary-indexes.sql")); return ValueTask.CompletedTask; }, cancellationToken);
        ExecuteScript(connection, Sql.Get("touched-tables.sql"));
    }

    // A file from before mentions moved into their documents still has the mentions table: it is converted once, in one transaction.
    private void MigrateMentionsTable(SqliteConnection connection)
    {
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'mentions';";
            if (Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                return;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(DISTINCT doc_id) FROM mentions;";
        var documents = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = Sql.Get("migrate-mentions-table.sql");
        command.ExecuteNonQuery();
        command.CommandText = Sql.Get("schema.sql");
        command.ExecuteNonQuery();
        transaction.Commit();
        _logger.MentionsMigrated(documents, stopwatch.ElapsedMilliseconds);
    }
}
