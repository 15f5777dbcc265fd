using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite.Reading;

namespace RelationGraph.Storage.Sqlite;

// The read side of IGraphStore: entity, document, evidence and path lookups on pooled read sessions, and the query
// helpers they share.
public sealed partial class SqliteGraphStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> SearchEntitiesAsync(EntitySearch query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var name = NameQuery.Of(query.Query);
        if (name.IsEmpty)
        {
            return [];
        }

        var forms = name.Forms;
        var loose = forms[^1];
        var end = char.ConvertFromUtf32(0x10FFFF);
        var contains = name.ContainsForms;
        (string, object?)[] Parameters(string? match) =>
        [
            ("$form", forms[0]), ("$form_end", forms[0] + end), ("$loose_form", loose), ("$loose_form_end", loose + end),
            ("$match", match), ("$kind", query.Kind?.ToString()), ("$limit", query.Limit),
        ];
        return await ReadAsync((session, ct) =>
        {
            // what people type is mostly the start of a name: a full page of exact and prefix matches needs no contains
            // search ($match NULL skips it), and a query too short for the trigram index gets none
            var found = Query(session, "search-entities.sql", Parameters(null), r => SqliteRows.Entity(r, []), ct);
            if (found.Count < query.Limit && contains.Count > 0)
            {
                var match = string.Join(" OR ", contains.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
                found = Query(session, "search-entities.sql", Parameters(match), r => SqliteRows.Entity(r, []), ct);
            }

            return Task.FromResult(WithAliases(session, found));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var query = NameQuery.Of(name);
        var tiers = query.LookupTiers;
        if (tiers.Count == 0)
        {
            return [];
        }

        return await ReadAsync((session, ct) =>
        {
            // the name or alias itself; else its loose form, else the family name, through the identity keys
            var found = WithAliases(session, Query(session, "find-by-name.sql", [("$key", tiers[0])], r => SqliteRows.Entity(r, []), ct));
            for (var tier = 1; found.Count == 0 && tier < tiers.Count; tier++)
            {
                found = [.. Query(session, "identity-candidates.sql", [("$keys", JsonArray([tiers[tier]]))], r => SqliteRows.Entity(r, SqliteRows.JsonList(r, 5)), ct)
                    .Where(query.Fits)];
            }

            return Task.FromResult<IReadOnlyList<EntitySummary>>(found);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> FindIdentityCandidatesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        return await ReadAsync((session, ct) => Task.FromResult(
            Query(session, "identity-candidates.sql", [("$keys", JsonArray(keys))], r => SqliteRows.Entity(r, SqliteRows.JsonList(r, 5)), ct)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EntitySummary?> GetEntitySummaryAsync(string entityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        await SyncIndexAsync(cancellationToken);
        return await CachedEntitySummaryAsync(entityId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EntityDetail?> GetEntityAsync(string entityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        return await ReadAsync((session, ct) =>
        {
            var aliases = Aliases(session, [entityId]);
            var facts = Query(session, "entity-facts.sql", [("$id", entityId)], SqliteRows.Fact, ct);
            var detail = Query(session, "entity-detail.sql", [("$id", entityId)],
                r => SqliteRows.EntityDetail(r, aliases.GetValueOrDefault(entityId) ?? [], facts), ct);
            return Task.FromResult(detail.FirstOrDefault());
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PathResult> FindPathsAsync(PathRequest request, CancellationToken cancellationToken = default)
    {
        PathRequestBounds.Validate(request);
        await SyncIndexAsync(cancellationToken);
        var started = _timeProvider.GetTimestamp();
        var deadline = started + (long)(request.Timeout.TotalSeconds * _timeProvider.TimestampFrequency);
        var search = _index.FindPaths(request, _timeProvider, deadline, cancellationToken);
        if (search.TimedOut)
        {
            _logger.PathSearchTimedOut(request.FromId, request.ToId, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }

        var paths = search.Paths.Count == 0 ? [] : await ResolvePathsAsync(search.Paths, request.EvidencePerHop, cancellationToken);
        return new PathResult(paths, search.TimedOut, _timeProvider.GetElapsedTime(started));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(string entityId, PathFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentNullException.ThrowIfNull(filter);
        await SyncIndexAsync(cancellationToken);
        var found = _index.GetNeighbours(entityId, filter, limit);
        if (found.Count == 0)
        {
            return [];
        }

        return await ReadAsync((session, ct) =>
        {
            var facts = FactsByKey(session, found.Select(n => n.FactKey), ct);
            var entities = EntitiesById(session, found.Select(n => n.NeighbourId), ct);
            var neighbours = new List<Neighbour>(found.Count);
            foreach (var item in found)
            {
                if (facts.TryGetValue(item.FactKey, out var fact) && entities.TryGetValue(item.NeighbourId, out var entity))
                {
                    neighbours.Add(new Neighbour(entity, fact, item.Outgoing));
                }
            }

            return Task.FromResult<IReadOnlyList<Neighbour>>(neighbours);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EvidencePage?> GetEvidenceAsync(string factKey, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factKey);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync((session, ct) =>
        {
            var fact = FactsByKey(session, [factKey], ct).GetValueOrDefault(factKey);
            if (fact is null)
            {
                return Task.FromResult<EvidencePage?>(null);
            }

            var total = Query(session, "evidence-count.sql", [("$fact_key", factKey)], r => r.GetInt64(0), ct).Single();
            var items = Query(session, "evidence-page.sql", [("$fact_key", factKey), ("$limit", limit), ("$offset", offset)],
                r => SqliteRows.Evidence(r) with { DocumentPublishedAt = SqliteRows.Timestamp(r, 11) }, ct);
            return Task.FromResult<EvidencePage?>(new EvidencePage(fact, (int)total, offset, items));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync((session, ct) => Task.FromResult<IReadOnlyList<DocumentSummary>>(
            Query(session, "list-documents.sql", [("$limit", limit), ("$offset", offset)], SqliteRows.Document, ct)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DocumentDetail?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        return await QueryFirstAsync("document-detail.sql", [("$id", documentId)], SqliteRows.DocumentDetail, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MentionRecord>?> GetDocumentMentionsAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var rows = await ReadAsync((session, ct) => Task.FromResult(Query(session, "document-mentions.sql", [("$id", documentId)],
            r => r.IsDBNull(1) ? null : new MentionRecord(r.GetString(1), r.GetString(0), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetString(5), r.GetInt32(6)),
            ct)), cancellationToken);

        // no row: no such document; one row of nulls: a document without mentions
        return rows.Count == 0 ? null : [.. rows.OfType<MentionRecord>()];
    }

    /// <remarks>Every commit that wrote a document left an <c>index_log</c> row, and the newest row is never pruned.</remarks>
    public async Task<bool> HasEverHeldDocumentsAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync((session, _) => Task.FromResult(Query(session, "ever-held-documents.sql", [], r => r.GetInt64(0), CancellationToken.None)[0] != 0), cancellationToken);

    /// <inheritdoc />
    public async Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var counts = await QueryFirstAsync("counts.sql", [],
            r => new GraphCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), cancellationToken);
        return counts!;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<GraphExportItem> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // one read transaction: the export is a consistent snapshot even while ingestion writes
        await foreach (var item in Stream(connection, "export-documents.sql", r => new GraphExportItem { Document = SqliteRows.DocumentDetail(r) }, cancellationToken))
        {
            yield return item;
        }

        await foreach (var item in Stream(connection, "export-entities.sql",
            r => new GraphExportItem { Entity = SqliteRows.EntityDetail(r, SqliteRows.JsonList(r, 11), []) }, cancellationToken))
        {
            yield return item;
        }

        await foreach (var item in Stream(connection, "export-facts.sql", r => new GraphExportItem { Fact = SqliteRows.Fact(r) }, cancellationToken))
        {
            yield return item;
        }

        await foreach (var item in Stream(connection, "export-mentions.sql", r => new GraphExportItem
        {
            Mention = new MentionRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetString(5), r.GetInt32(6)),
        }, cancellationToken))
        {
            yield return item;
        }

        await foreach (var item in Stream(connection, "export-evidence.sql", r => new GraphExportItem { Evidence = SqliteRows.Evidence(r) }, cancellationToken))
        {
            yield return item;
        }

        await foreach (var item in Stream(connection, "judgements-list.sql", r => new GraphExportItem { Judgement = Judgement(r) }, cancellationToken))
        {
            yield return item;
        }
    }

    private static string JsonArray(IEnumerable<string> values) =>
        JsonSerializer.Serialize(values.Distinct(StringComparer.Ordinal).ToList(), SqliteJson.Default.ListString);

    private async Task<T> ReadAsync<T>(Func<ReadSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await ReadUninitializedAsync(read, cancellationToken);
    }

    private async Task<T> ReadUninitializedAsync<T>(Func<ReadSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async ct =>
        {
            var session = await _readers.RentAsync(ct);
            var completed = false;
            try
            {
                var result = await read(session, ct);
                completed = true;
                return result;
            }
            finally
            {
                _readers.Return(session, reusable: completed);
            }
        }, cancellationToken);
    }

    private Task<T?> QueryFirstAsync<T>(string resource, (string Name, object? Value)[] parameters, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
        where T : class =>
        ReadAsync((session, ct) => Task.FromResult(Query(session, resource, parameters, map, ct).FirstOrDefault()), cancellationToken);

    private static List<T> Query<T>(ReadSession session, string resource, (string Name, object? Value)[] parameters, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        var command = session.Command(resource, parameters);
        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.Add(map(reader));
        }

        return rows;
    }

    private static async IAsyncEnumerable<T> Stream<T>(SqliteConnection connection, string resource, Func<SqliteDataReader, T> map,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql.Get(resource);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return map(reader);
        }
    }

    private static T Scalar<T>(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, List<string>> Aliases(ReadSession session, IEnumerable<string> ids)
    {
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (id, alias) in Query(session, "aliases-by-ids.sql", [("$ids", JsonArray(ids))], r => (r.GetString(0), r.GetString(1)), CancellationToken.None))
        {
            if (!aliases.TryGetValue(id, out var list))
            {
                aliases[id] = list = [];
            }

            list.Add(alias);
        }

        return aliases;
    }

    private static List<EntitySummary> WithAliases(ReadSession session, List<EntitySummary> entities)
    {
        if (entities.Count == 0)
        {
            return entities;
        }

        var aliases = Aliases(session, entities.Select(e => e.Id));
        return [.. entities.Select(e => aliases.TryGetValue(e.Id, out var list) ? e with { Aliases = list } : e)];
    }

    private static Dictionary<string, FactSummary> FactsByKey(ReadSession session, IEnumerable<string> keys, CancellationToken cancellationToken) =>
        Query(session, "facts-by-keys.sql", [("$keys", JsonArray(keys))], SqliteRows.Fact, cancellationToken)
            .ToDictionary(f => f.FactKey, StringComparer.Ordinal);

    private static Dictionary<string, EntitySummary> EntitiesById(ReadSession session, IEnumerable<string> ids, CancellationToken cancellationToken) =>
        Query(session, "entities-by-ids.sql", [("$ids", JsonArray(ids))], r => SqliteRows.Entity(r, SqliteRows.JsonList(r, 5)), cancellationToken)
            .ToDictionary(e => e.Id, StringComparer.Ordinal);
}
