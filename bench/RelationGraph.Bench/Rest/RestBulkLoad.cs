using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RelationGraph.Bench.Synthetic;
using RelationGraph.Core.Model;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// <c>bench rest --load bulk</c>: writes the rows of the synthetic documents (documents, entities, mentions,
/// facts, evidence) straight into the store's schema in one transaction, then computes the fact and entity
/// totals set-based, so the REST benchmark can run at a million entities.
/// </summary>
/// <remarks>
/// Bench-only and not the ingestion path: loading 30 000 documents through <see cref="SqliteGraphStore.ApplyAsync"/>
/// takes over an hour on this machine. The rows are those the writer stores for the same batches (one row per
/// document, entity, mention, fact and evidence; first document's row wins); the totals follow the writer's rules
/// (noisy-or confidence over evidence, evidence and document counts, first/last reported, the best quote as sample).
/// </remarks>
internal static class RestBulkLoad
{
    public static void Load(SyntheticGraph graph, string path)
    {
        // the store creates the schema
        using (var store = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = path })))
        {
            store.InitializeAsync().GetAwaiter().GetResult();
        }

        var stopwatch = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;");
        connection.CreateAggregate("noisy_or", 1.0, static (double untrue, double confidence) => untrue * (1 - Math.Clamp(confidence, 0, 1)), static untrue => 1 - untrue);
        using (var transaction = connection.BeginTransaction())
        {
            using var document = Command(connection, transaction, """
                INSERT OR IGNORE INTO documents (id, source_uri, title, media_type, text, content_hash, extractor_version, ingested_at, reported_at, published_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);
                """, 10);
            using var entity = Command(connection, transaction, "INSERT OR IGNORE INTO entities (id, kind, name, name_key) VALUES ($1, $2, $3, $4);", 4);
            using var mention = Command(connection, transaction,
                "INSERT OR IGNORE INTO mentions (doc_id, id, entity_id, start, \"end\", text, sentence_index) VALUES ($1, $2, $3, $4, $5, $6, $7);", 7);
            using var fact = Command(connection, transaction, "INSERT OR IGNORE INTO facts (fact_key, type, subject_id, object_id) VALUES ($1, $2, $3, $4);", 4);
            using var evidence = Command(connection, transaction, """
                INSERT OR IGNORE INTO evidence (doc_id, id, fact_key, start, "end", quote, citations, extractor, confidence)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
                """, 9);
            var ingestedAt = DateTimeOffset.UnixEpoch.AddYears(56).ToString("O", CultureInfo.InvariantCulture);
            var documents = 0;
            foreach (var batch in graph.Documents())
            {
                var doc = batch.Document;
                var reportedAt = doc.PublishedAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? ingestedAt;
                Run(document, doc.Id, doc.SourceUri, doc.Title, doc.MediaType, doc.Text, doc.ContentHash, batch.ExtractorVersion, ingestedAt, reportedAt, reportedAt);
                foreach (var e in batch.Entities)
                {
                    Run(entity, e.Id, e.Kind.ToString(), e.Name, NameKey.Normalise(e.Name));
                }

                foreach (var m in batch.Mentions)
                {
                    Run(mention, doc.Id, m.Id, m.EntityId, m.Start, m.End, m.Text, m.SentenceIndex);
                }

                foreach (var f in batch.Facts)
                {
                    var (_, type, subject, obj) = f.InKeyOrder();
                    Run(fact, f.FactKey, type.ToWireName(), subject, obj);
                }

                foreach (var v in batch.Evidence)
                {
                    Run(evidence, doc.Id, v.Id, v.FactKey, v.Start, v.End, v.Quote, JsonSerializer.Serialize(v.Citations), v.Extractor, v.Confidence);
                }

                if (++documents % 4096 == 0)
                {
                    Console.WriteLine($"  bulk: {documents:N0} documents, {stopwatch.Elapsed.TotalSeconds:F0} s");
                }
            }

            Console.WriteLine($"  bulk: {documents:N0} documents' rows in {stopwatch.Elapsed.TotalSeconds:F0} s; computing totals");
            Execute(connection, transaction, """
                UPDATE facts SET
                    confidence = t.confidence, evidence_count = t.evidence_count, doc_count = t.doc_count,
                    first_seen = t.first_seen, last_seen = t.last_seen, extractors = t.extractors,
                    sample_quote = (SELECT e.quote FROM evidence e WHERE e.fact_key = facts.fact_key ORDER BY e.confidence DESC, e.doc_id, e.start LIMIT 1)
                FROM (
                    SELECT e.fact_key, noisy_or(e.confidence) AS confidence, count(*) AS evidence_count, count(DISTINCT e.doc_id) AS doc_count,
                           min(d.reported_at) AS first_seen, max(d.reported_at) AS last_seen, json_group_array(DISTINCT e.extractor) AS extractors
                    FROM evidence e JOIN documents d ON d.id = e.doc_id
                    GROUP BY e.fact_key
                ) AS t
                WHERE t.fact_key = facts.fact_key;
                """);
            Execute(connection, transaction, """
                UPDATE entities SET mention_count = t.mention_count, doc_count = t.doc_count, first_seen = t.first_seen, last_seen = t.last_seen
                FROM (
                    SELECT m.entity_id, count(*) AS mention_count, count(DISTINCT m.doc_id) AS doc_count, min(d.reported_at) AS first_seen, max(d.reported_at) AS last_seen
                    FROM mentions m JOIN documents d ON d.id = m.doc_id
                    GROUP BY m.entity_id
                ) AS t
                WHERE t.entity_id = entities.id;
                """);
            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bulk-loaded (bench-only, not ApplyAsync) in {stopwatch.Elapsed.TotalSeconds:F0} s; file {new FileInfo(path).Length / (1024.0 * 1024.0):F0} MB"));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$" + i.ToString(CultureInfo.InvariantCulture) });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql) => Execute(connection, null, sql);

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
