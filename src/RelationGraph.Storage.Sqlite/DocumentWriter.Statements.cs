using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Identity;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;

namespace RelationGraph.Storage.Sqlite;

// The prepared statements: each is prepared once, in the constructor, for the write connection's lifetime and disposed
// with the writer, and the helpers that bind and run them a row at a time.
internal sealed partial class DocumentWriter
{
    private readonly List<SqliteCommand> _commands = [];
    private readonly List<RowStatement> _rows = [];
    private readonly SqliteCommand _dataVersion;

    private readonly SqliteCommand _documentState;
    private readonly SqliteCommand _oldEvidence;
    private readonly SqliteCommand _touchProvenance;
    private readonly SqliteCommand _deleteDocument;
    private readonly RowStatement _upsertDocument;
    private readonly RowStatement _insertEntity;
    private readonly SqliteCommand _updateEntityAttributes;
    private readonly RowStatement _insertAlias;
    private readonly RowStatement _insertKey;
    private readonly RowStatement _insertSearchKey;
    private readonly RowStatement _insertEntityDocument;
    private readonly SqliteCommand _upsertFact;
    private readonly SqliteCommand _touchBatch;
    private readonly RowStatement _insertEvidence;
    private readonly SqliteCommand _recomputeFacts;
    private readonly SqliteCommand _addFactTotals;
    private readonly SqliteCommand _addEntityTotals;
    private readonly SqliteCommand _recountAllTouchedEntities;
    private readonly SqliteCommand _deleteFacts;
    private readonly SqliteCommand _recomputeEntities;
    private readonly SqliteCommand _deleteEntities;
    private readonly SqliteCommand _touchedFacts;
    private readonly SqliteCommand _touchedEntities;
    private readonly SqliteCommand _touchedCounts;
    private readonly SqliteCommand _clearTouched;
    private readonly RowStatement _entityState;
    private readonly SqliteCommand _factState;
    private readonly RowStatement _extendEntity;
    private readonly RowStatement _upsertFactTotals;
    private readonly SqliteCommand _queueRecount;
    private readonly SqliteCommand _logBounds;
    private readonly SqliteCommand _logAppend;
    private readonly SqliteCommand _logPrune;


    public DocumentWriter(SqliteConnection connection, TimeProvider timeProvider)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _documentState = Command("document-state.sql", "$id");
        _oldEvidence = Command("document-old-evidence.sql", "$doc_id");
        _touchProvenance = Command("touch-document-provenance.sql", "$doc_id");
        _deleteDocument = Command("delete-document.sql", "$id");
        _upsertDocument = Row("upsert-document.sql");
        _insertEntity = Row("insert-entity.sql");
        _updateEntityAttributes = Command("update-entity-attributes.sql", "$id", "$amount", "$currency", "$year", "$status");
        _insertAlias = Row("insert-alias.sql");
        _insertKey = Row("insert-entity-key.sql");
        _insertSearchKey = Row("insert-search-key.sql");
        _insertEntityDocument = Row("insert-entity-document.sql");
        _touchBatch = Command("touch-batch.sql", "$entity_ids", "$fact_keys");
        _upsertFact = Command("upsert-fact.sql", "$fact_key", "$type", "$subject_id", "$object_id");
        _insertEvidence = Row("insert-evidence.sql");
        _recomputeFacts = Command("recompute-facts.sql");
        _addFactTotals = Command("add-fact-totals.sql", "$doc_id", "$reported_at");
        _addEntityTotals = Command("add-entity-totals.sql", "$doc_id", "$reported_at");
        _recountAllTouchedEntities = Command("recount-all-touched-entities.sql");
        _deleteFacts = Command("delete-unsupported-facts.sql");
        _recomputeEntities = Command("recompute-entities.sql");
        _deleteEntities = Command("delete-orphan-entities.sql");
        _touchedFacts = Command("touched-facts.sql");
        _touchedEntities = Command("touched-entities.sql");
        _touchedCounts = Command("touched-counts.sql");
        _clearTouched = Command("clear-touched.sql");
        _entityState = Row("entity-state.sql");
        _factState = Command("fact-state.sql", "$fact_key");
        _extendEntity = Row("extend-entity.sql");
        _upsertFactTotals = Row("upsert-fact-totals.sql");
        _queueRecount = Command("queue-recount.sql", "$entity_ids");
        _dataVersion = Command("data-version.sql");
        _logBounds = Command("index-log-bounds.sql");
        _logAppend = Command("index-log-append.sql", "$entity_ids", "$fact_keys", "$doc_ids");
        _logPrune = Command("index-log-prune.sql", "$seq", "$keep", "$max_bytes");
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        foreach (var row in _rows)
        {
            row.Dispose();
        }

        _documentMentions.Dispose();
    }

    private static object? ExecuteScalar(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        Bind(command, parameters);
        return command.ExecuteScalar();
    }


    // Returns the document's reported time: when its facts count as seen.
    private string WriteDocument(DocumentGraph batch, IReadOnlyList<MentionRecord> mentions)
    {
        var document = batch.Document;
        var ingestedAt = Timestamp(_timeProvider.GetUtcNow())!;
        var reportedAt = Timestamp(document.PublishedAt) ?? ingestedAt;
        _upsertDocument.Text("$id", document.Id).Text("$source_uri", document.SourceUri).Text("$title", document.Title).Text("$publisher", document.Publisher)
            .Text("$author", document.Author).Text("$published_at", Timestamp(document.PublishedAt)).Text("$media_type", document.MediaType).Text("$text", document.Text)
            .Text("$content_hash", document.ContentHash).Text("$extractor_version", batch.ExtractorVersion).Text("$ingested_at", ingestedAt)
            .Text("$reported_at", reportedAt).Utf8Text("$mentions", _documentMentions.Utf8Json(mentions)).Execute();
        return reportedAt;
    }

    // Returns true when the entity is new. A known entity keeps its canonical name; this document's name becomes an alias.
    private bool WriteEntity(ExtractedEntity entity)
    {
        var amount = entity.Amount?.ToString(CultureInfo.InvariantCulture);
        var created = InsertEntity(entity);
        if (!created && (amount ?? entity.Currency ?? entity.Status ?? (object?)entity.Year) is not null)
        {
            Execute(_updateEntityAttributes, ("$id", entity.Id), ("$amount", amount), ("$currency", entity.Currency), ("$year", entity.Year), ("$status", entity.Status));
        }

        InsertAliases(entity, created ? entity.Aliases : entity.Aliases.Append(entity.Name));
        return created;
    }

    // Inserts the entity's row unless it exists (the first name seen stays canonical); true when it was new.
    private bool InsertEntity(ExtractedEntity entity)
    {
        var created = _insertEntity.Text("$id", entity.Id).Text("$kind", entity.Kind.ToString()).Text("$name", entity.Name).Text("$name_key", NameKey.Normalise(entity.Name))
            .Text("$amount", entity.Amount?.ToString(CultureInfo.InvariantCulture)).Text("$currency", entity.Currency).Integer("$year", entity.Year)
            .Text("$status", entity.Status).Execute() > 0;
        if (created)
        {
            InsertSearchKey(entity.Id, NameKey.Normalise(entity.Name), loose: false);
            InsertKeys(entity.Id, entity.Kind, entity.Name);
        }

        return created;
    }

    // the keys the identity stage finds the entity by (Core's IdentityKeys), for each name it is stored under; a new loose
    // name ("n:") is also a search key
    private void InsertKeys(string entityId, EntityKind kind, string name)
    {
        foreach (var key in IdentityKeys.Of(kind, name))
        {
            if (_insertKey.Text("$key", key).Text("$entity_id", entityId).Execute() > 0 && key.StartsWith("n:", StringComparison.Ordinal))
            {
                InsertSearchKey(entityId, key[2..], loose: true);
            }
        }
    }

    // A key /api/entities?q= finds the entity by, once (schema.sql: entity_search, whose triggers keep the trigram index).
    // Written here rather than by triggers on the entity tables: a trigger makes every execution of the writer's most run
    // statements (the entity and alias inserts, nearly all of them ignored) open a statement journal (WRITE-PATH.md).
    private void InsertSearchKey(string entityId, string key, bool loose) =>
        _insertSearchKey.Text("$entity_id", entityId).Text("$key", key).Integer("$loose", loose ? 1 : 0).Execute();

    private void InsertEntityDocuments(Dictionary<string, int> mentionsPerEntity, string documentId)
    {
        foreach (var (entityId, count) in mentionsPerEntity)
        {
            InsertEntityDocument(entityId, documentId, count);
        }
    }

    private void InsertEntityDocument(string entityId, string documentId, int count) =>
        _insertEntityDocument.Text("$entity_id", entityId).Text("$doc_id", documentId).Integer("$mention_count", count).Execute();

    private void InsertEvidence(EvidenceRecord evidence, string documentId) =>
        _insertEvidence.Text("$id", evidence.Id).Text("$fact_key", evidence.FactKey).Text("$doc_id", documentId).Integer("$start", evidence.Start)
            .Integer("$end", evidence.End).Text("$quote", evidence.Quote).Text("$citations", CitationsJson(evidence.Citations))
            .Text("$extractor", evidence.Extractor).Real("$confidence", evidence.Confidence).Execute();

    // nearly every evidence row cites nothing
    private static string CitationsJson(IReadOnlyList<string> citations) =>
        citations.Count == 0 ? "[]" : JsonSerializer.Serialize(citations, SqliteJson.Default.IReadOnlyListString);

    // Each (entity, alias) once while the entity lives: whether it is stored depends only on the entity's canonical name, which never changes.
    private void InsertAliases(ExtractedEntity entity, IEnumerable<string> aliases)
    {
        foreach (var alias in aliases)
        {
            if (!string.IsNullOrWhiteSpace(alias) && !_aliasesKnown.Contains((entity.Id, alias)) && _aliasesWritten.Add((entity.Id, alias)))
            {
                var aliasKey = NameKey.Normalise(alias);
                if (_insertAlias.Text("$entity_id", entity.Id).Text("$alias", alias).Text("$alias_key", aliasKey).Execute() > 0)
                {
                    InsertSearchKey(entity.Id, aliasKey, loose: false);
                }

                InsertKeys(entity.Id, entity.Kind, alias);
            }
        }
    }

    private (string Hash, string Version)? ReadState(string documentId)
    {
        _documentState.Parameters["$id"].Value = documentId;
        using var reader = _documentState.ExecuteReader();
        return reader.Read() ? (reader.GetString(1), reader.GetString(2)) : null;
    }

    private (int Facts, int Entities) ReadTouchedCounts()
    {
        using var reader = _touchedCounts.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private List<IndexedFact> ReadTouchedFacts()
    {
        var facts = new List<IndexedFact>();
        using var reader = _touchedFacts.ExecuteReader();
        while (reader.Read())
        {
            facts.Add(SqliteRows.IndexedFact(reader));
        }

        return facts;
    }

    private List<IndexedEntity> ReadTouchedEntities()
    {
        var entities = new List<IndexedEntity>();
        using var reader = _touchedEntities.ExecuteReader();
        while (reader.Read())
        {
            entities.Add(SqliteRows.IndexedEntity(reader));
        }

        return entities;
    }

    private static List<string> ReadStrings(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        Bind(command, parameters);
        var values = new List<string>();
        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }
        }
        while (reader.NextResult());

        return values;
    }

    private static int Execute(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        Bind(command, parameters);
        return command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
    }

    private RowStatement Row(string resource)
    {
        var statement = new RowStatement(_connection, Sql.Get(resource));
        _rows.Add(statement);
        return statement;
    }

    private SqliteCommand Command(string resource, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = Sql.Get(resource);
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        // prepared once for the connection's lifetime: unprepared commands are re-compiled on every execution
        command.Prepare();
        _commands.Add(command);
        return command;
    }
}
