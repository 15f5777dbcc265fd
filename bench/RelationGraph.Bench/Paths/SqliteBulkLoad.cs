using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RelationGraph.Bench.Synthetic;
using RelationGraph.Core.Model;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Bench.Paths;

/// <summary>
/// <c>bench paths --load sqlite-bulk [--db FILE]</c>: writes the entity and fact rows the index reads
/// straight into the store's schema, in one transaction, without documents, mentions or evidence.
/// </summary>
/// <remarks>
/// This is not the ingestion path (<c>--load sqlite</c> measures that): it exists to measure the index
/// build from SQLite at a million entities, which loading 30 000 documents through
/// <see cref="SqliteGraphStore.ApplyAsync"/> makes too slow to repeat. Rows carry the same text the
/// writer stores (kind names, relation wire names, round-trip UTC timestamps). An existing
/// <c>--db</c> file with entities is reused as it is.
/// </remarks>
internal static class SqliteBulkLoad
{
    private static readonly DateTimeOffset FirstDay = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task LoadAsync(SyntheticGraph graph, string path)
    {
        if (File.Exists(path))
        {
            // counted on a plain connection: opening the store would build the index, which is what gets measured
            await using var existing = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await existing.OpenAsync();
            await using var count = existing.CreateCommand();
            count.CommandText = "SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM facts);";
            await using var reader = await count.ExecuteReaderAsync();
            if (await reader.ReadAsync() && reader.GetInt64(0) > 0)
            {
                Console.WriteLine($"reusing {path}: {reader.GetInt64(0):N0} entities, {reader.GetInt64(1):N0} facts");
                return;
            }
        }

        // the store creates the schema; its index is empty at this point
        await using (var store = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = path })))
        {
            await store.InitializeAsync();
        }

        var stopwatch = Stopwatch.StartNew();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO entities (id, kind, name, name_key) VALUES ($id, $kind, $name, $name_key);";
                var id = insert.Parameters.Add("$id", SqliteType.Text);
                var kind = insert.Parameters.Add("$kind", SqliteType.Text);
                var name = insert.Parameters.Add("$name", SqliteType.Text);
                var nameKey = insert.Parameters.Add("$name_key", SqliteType.Text);
                for (var e = 0; e < graph.EntityCount; e++)
                {
                    id.Value = graph.EntityId(e);
                    kind.Value = graph.Kinds[e].ToString();
                    name.Value = graph.EntityName(e);
                    nameKey.Value = NameKey.Normalise(graph.EntityName(e));
                    await insert.ExecuteNonQueryAsync();
                }
            }

            await using (var insert = connection.CreateCommand())
            {
                insert.CommandText = """
                    INSERT INTO facts (fact_key, type, subject_id, object_id, confidence, evidence_count, doc_count, first_seen, last_seen)
                    VALUES ($fact_key, $type, $subject_id, $object_id, $confidence, $doc_count, $doc_count, $first_seen, $first_seen);
                    """;
                var key = insert.Parameters.Add("$fact_key", SqliteType.Text);
                var type = insert.Parameters.Add("$type", SqliteType.Text);
                var subject = insert.Parameters.Add("$subject_id", SqliteType.Text);
                var obj = insert.Parameters.Add("$object_id", SqliteType.Text);
                var confidence = insert.Parameters.Add("$confidence", SqliteType.Real);
                var docCount = insert.Parameters.Add("$doc_count", SqliteType.Integer);
                var firstSeen = insert.Parameters.Add("$first_seen", SqliteType.Text);
                for (var f = 0; f < graph.FactCount; f++)
                {
                    key.Value = graph.FactKey(f);
                    type.Value = graph.Types[f].ToWireName();
                    subject.Value = graph.EntityId(graph.Subjects[f]);
                    obj.Value = graph.EntityId(graph.Objects[f]);
                    confidence.Value = (double)graph.Confidences[f];
                    docCount.Value = graph.DocCounts[f];
                    firstSeen.Value = FirstDay.AddDays(graph.ReportedDays[f]).ToString("O", CultureInfo.InvariantCulture);
                    await insert.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bulk-inserted {graph.EntityCount:N0} entity and {graph.FactCount:N0} fact rows in {stopwatch.Elapsed.TotalSeconds:F1} s; file {new FileInfo(path).Length / (1024.0 * 1024.0):F0} MB"));
    }
}
