using System.Text.Json;
using Microsoft.Data.Sqlite;
using RelationGraph.Bench.Paths;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// Each SQL statement the endpoint runs for one request, timed alone on the pair's own found paths: the store's
/// embedded SQL text, its parameters built the same way, every row read, on a connection kept open with the
/// statement kept compiled and the store's default read page cache, as the store's read sessions run them.
/// Splits the store call and the resolve step into their queries so the expensive one can be named.
/// </summary>
internal static class SqlQueryTargets
{
    public static IPathTarget[] Create(string databasePath, PathIndex index, IReadOnlyList<Pair> pairs, int k, int evidencePerHop)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databasePath), Pooling = false, DefaultTimeout = 5 }.ToString();
        var found = new Dictionary<Pair, (string FactKeys, string NodeIds)>();
        foreach (var pair in pairs)
        {
            var request = new PathRequest { FromId = pair.FromId, ToId = pair.ToId, Mode = PathMode.Shortest, K = k, MaxHops = PathRequest.MaxHopsLimit };
            var deadline = TimeProvider.System.GetTimestamp() + (long)(request.Timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
            var paths = index.FindPaths(request, TimeProvider.System, deadline).Paths;
            found[pair] = (
                JsonSerializer.Serialize(paths.SelectMany(p => p.Hops).Select(h => h.FactKey).Distinct(StringComparer.Ordinal).ToArray()),
                JsonSerializer.Serialize(paths.SelectMany(p => p.NodeIds).Distinct(StringComparer.Ordinal).ToArray()));
        }

        return
        [
            new SqlQueryTarget("  sql facts-by-keys (path facts)", connectionString, "facts-by-keys.sql", p => [("$keys", found[p].FactKeys)]),
            new SqlQueryTarget("  sql entities-by-ids (path nodes, aliases)", connectionString, "entities-by-ids.sql", p => [("$ids", found[p].NodeIds)]),
            new SqlQueryTarget("  sql top-evidence-by-fact", connectionString, "top-evidence-by-fact.sql", p => [("$keys", found[p].FactKeys), ("$per_fact", evidencePerHop)]),
            new SqlQueryTarget("  sql entity-facts (resolve, from only)", connectionString, "entity-facts.sql", p => [("$id", p.FromId)]),
        ];
    }

    private sealed class SqlQueryTarget(string name, string connectionString, string resource, Func<Pair, (string Name, object Value)[]> parameters) : IPathTarget
    {
        private readonly string _sql = ReadSql(resource);
        private SqliteCommand? _command;

        public string Name => name;

        /// <summary>The number of rows read (not a path length).</summary>
        public async ValueTask<int> SearchAsync(Pair pair)
        {
            var command = _command ??= await OpenAsync();
            foreach (var (parameter, value) in parameters(pair))
            {
                if (command.Parameters.Contains(parameter))
                {
                    command.Parameters[parameter].Value = value;
                }
                else
                {
                    command.Parameters.AddWithValue(parameter, value);
                }
            }

            var rows = 0;
            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(values);
                rows++;
            }

            return rows;
        }

        // open for the bench's lifetime, like the store's read sessions
        private async Task<SqliteCommand> OpenAsync()
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA cache_size = -{new SqliteStoreOptions().ReadCacheKilobytes};";
                await pragma.ExecuteNonQueryAsync();
            }

            var command = connection.CreateCommand();
            command.CommandText = _sql;
            return command;
        }

        private static string ReadSql(string resource)
        {
            using var stream = typeof(SqliteGraphStore).Assembly.GetManifestResourceStream("RelationGraph.Storage.Sqlite.Sql." + resource)
                ?? throw new InvalidOperationException($"SQL resource '{resource}' is not embedded in the SQLite store.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
