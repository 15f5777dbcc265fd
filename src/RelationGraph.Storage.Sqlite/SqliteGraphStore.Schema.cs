using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Identity;
using RelationGraph.Core.Model;

namespace RelationGraph.Storage.Sqlite;

// The schema, applied at every open (the scripts are idempotent), and the one-time migration of files written by older
// versions.
public sealed partial class SqliteGraphStore
{
    // Each step is retried on busy: another process may be opening the same file at the same moment.
    private async Task ApplySchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _retry.ExecuteAsync(_ => { ExecuteScript(connection, Sql.Get("schema.sql")); return ValueTask.CompletedTask; }, cancellationToken);
        await _retry.ExecuteAsync(_ => { SumIndexLogOnce(connection); return ValueTask.CompletedTask; }, cancellationToken);
        await _retry.ExecuteAsync(_ => { MigrateMentionsTable(connection); return ValueTask.CompletedTask; }, cancellationToken);
        await _retry.ExecuteAsync(_ => { BackfillEntityKeys(connection); return ValueTask.CompletedTask; }, cancellationToken);
        // after the entity keys: the search keys take their loose names from them
        await _retry.ExecuteAsync(_ => { BackfillEntitySearch(connection); return ValueTask.CompletedTask; }, cancellationToken);
        // also what finishes a bulk load whose process was killed: its indexes are built now
        await _retry.ExecuteAsync(_ => { ExecuteScript(connection, Sql.Get("secondary-indexes.sql")); return ValueTask.CompletedTask; }, cancellationToken);
        ExecuteScript(connection, Sql.Get("touched-tables.sql"));
    }

    // A file from before the search index (or whose entities another program wrote, like the benchmarks' bulk loader)
    // gets its keys once, in one transaction; the triggers index them. Every entity the writer adds has a name key row,
    // so an empty index beside entities means exactly that (a killed backfill leaves it empty).
    private void BackfillEntitySearch(SqliteConnection connection)
    {
        if (!Holds(connection, "SELECT EXISTS (SELECT 1 FROM entities) AND NOT EXISTS (SELECT 1 FROM entity_search);"))
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql.Get("backfill-entity-search.sql");
        var keys = command.ExecuteNonQuery();
        transaction.Commit();
        _logger.EntitySearchBackfilled(keys, stopwatch.ElapsedMilliseconds);
    }

    // A file from before entities had identity keys gets them once, in one transaction, from its names and aliases.
    private void BackfillEntityKeys(SqliteConnection connection)
    {
        if (!Holds(connection, "SELECT EXISTS (SELECT 1 FROM entities WHERE kind IN ('Person', 'Organisation')) AND NOT EXISTS (SELECT 1 FROM entity_keys);"))
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var names = new List<(string Id, EntityKind Kind, string Name)>();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = """
                SELECT id, kind, name FROM entities WHERE kind IN ('Person', 'Organisation')
                UNION ALL
                SELECT e.id, e.kind, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE e.kind IN ('Person', 'Organisation');
                """;
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                names.Add((reader.GetString(0), Enum.Parse<EntityKind>(reader.GetString(1)), reader.GetString(2)));
            }
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = Sql.Get("insert-entity-key.sql");
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var entityId = insert.Parameters.Add("$entity_id", SqliteType.Text);
        foreach (var (id, kind, name) in names)
        {
            foreach (var value in IdentityKeys.Of(kind, name))
            {
                key.Value = value;
                entityId.Value = id;
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        _logger.EntityKeysBackfilled(names.Count, stopwatch.ElapsedMilliseconds);
    }

    // A file from before mentions moved into their documents still has the mentions table: it is converted once, in one transaction.
    private void MigrateMentionsTable(SqliteConnection connection)
    {
        if (!Holds(connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'mentions';"))
        {
            return;
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

    // A new file, or one from before index_log_size, gets its size row once (a write, so not on every open).
    private static void SumIndexLogOnce(SqliteConnection connection)
    {
        if (!Holds(connection, "SELECT NOT EXISTS (SELECT 1 FROM index_log_size);"))
        {
            return;
        }

        ExecuteScript(connection, Sql.Get("index-log-size.sql"));
    }

    // whether a one-time conversion is due: its probe query answers 1 (or any count above 0)
    private static bool Holds(SqliteConnection connection, string probeSql)
    {
        using var probe = connection.CreateCommand();
        probe.CommandText = probeSql;
        return Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }
}
