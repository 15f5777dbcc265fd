using System.Globalization;
using Microsoft.Data.Sqlite;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite.Reading;

namespace RelationGraph.Storage.Sqlite;

// The details a path answer needs beyond the search: served from PathDetailCache, read from SQLite on a miss.
public sealed partial class SqliteGraphStore
{
    private readonly PathDetailCache _cache;

    /// <summary>The path-detail cache, for tests.</summary>
    internal PathDetailCache DetailCache => _cache;

    /// <summary>The read sessions, for tests.</summary>
    internal ReadSessionPool ReadSessions => _readers;

    /// <summary>Test hook: awaited after path details were read from SQLite and before they are offered to the cache.</summary>
    internal Func<Task>? AfterPathDetailsRead { get; set; }

    // A session's connection is the store's own (not Microsoft.Data.Sqlite's pool), closed when the session is.
    private ReadSession OpenReadSession()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        try
        {
            connection.Open();
            ConfigureConnection(connection);
            ConfigureReadConnection(connection);
            return new ReadSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // The page cache is per connection, so its size times ReadConnections bounds what reads hold; with mmap, reads
    // use the OS file cache directly instead of copying each page with a read() call into that cache.
    private void ConfigureReadConnection(SqliteConnection connection)
    {
        ExecuteScript(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{_options.ReadCacheKilobytes};"));
        if (_options.ReadMmapBytes > 0)
        {
            ExecuteScript(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {_options.ReadMmapBytes};"));
        }
    }

    private async Task<EntitySummary?> CachedEntitySummaryAsync(string entityId, CancellationToken cancellationToken)
    {
        if (_cache.Entities.TryGet(entityId, out var cached))
        {
            return cached;
        }

        var generation = _cache.Generation;
        var entity = await ReadAsync((session, ct) =>
            Task.FromResult(EntitiesById(session, [entityId], ct).GetValueOrDefault(entityId)), cancellationToken);
        if (entity is not null)
        {
            _cache.Fill(generation, [entity], []);
        }

        return entity;
    }

    // The facts, entities and best evidence of all paths: from the cache, and what it lacks in one batched read.
    private async Task<List<GraphPath>> ResolvePathsAsync(IReadOnlyList<FoundPath> found, int evidencePerHop, CancellationToken cancellationToken)
    {
        var hops = new Dictionary<string, (FactSummary Fact, IReadOnlyList<EvidenceView> Evidence)>(StringComparer.Ordinal);
        var entities = new Dictionary<string, EntitySummary>(StringComparer.Ordinal);
        HashSet<string>? missingFacts = null;
        HashSet<string>? missingEntities = null;
        foreach (var path in found)
        {
            foreach (var hop in path.Hops)
            {
                if (!hops.ContainsKey(hop.FactKey))
                {
                    if (_cache.Facts.TryGet(hop.FactKey, out var fact) && fact.Evidence(evidencePerHop) is { } evidence)
                    {
                        hops[hop.FactKey] = (fact.Fact, evidence);
                    }
                    else
                    {
                        (missingFacts ??= new HashSet<string>(StringComparer.Ordinal)).Add(hop.FactKey);
                    }
                }
            }

            foreach (var id in path.NodeIds)
            {
                if (!entities.ContainsKey(id))
                {
                    if (_cache.Entities.TryGet(id, out var entity))
                    {
                        entities[id] = entity;
                    }
                    else
                    {
                        (missingEntities ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
                    }
                }
            }
        }

        if (missingFacts is not null || missingEntities is not null)
        {
            var (readFacts, readEntities) = await ReadPathDetailsAsync(missingFacts, missingEntities, evidencePerHop, cancellationToken);
            foreach (var fact in readFacts)
            {
                hops[fact.Fact.FactKey] = (fact.Fact, fact.Evidence(evidencePerHop)!);
            }

            foreach (var entity in readEntities)
            {
                entities[entity.Id] = entity;
            }
        }

        var paths = new List<GraphPath>(found.Count);
        foreach (var path in found)
        {
            // a concurrent ingest may have removed a fact or entity since the search; such a path is dropped
            if (!path.NodeIds.All(entities.ContainsKey) || !path.Hops.All(h => hops.ContainsKey(h.FactKey)))
            {
                continue;
            }

            var pathHops = new List<PathHop>(path.Hops.Count);
            for (var i = 0; i < path.Hops.Count; i++)
            {
                var hop = path.Hops[i];
                var (fact, evidence) = hops[hop.FactKey];
                pathHops.Add(new PathHop(fact, path.NodeIds[i], path.NodeIds[i + 1], hop.Forward, evidence));
            }

            var nodes = new EntitySummary[path.NodeIds.Count];
            for (var i = 0; i < nodes.Length; i++)
            {
                nodes[i] = entities[path.NodeIds[i]];
            }

            paths.Add(new GraphPath(nodes, pathHops));
        }

        return paths;
    }

    // One read transaction, so facts, evidence and entities come from the same snapshot; what it finds is offered to the cache.
    private async Task<(List<CachedFact> Facts, List<EntitySummary> Entities)> ReadPathDetailsAsync(
        HashSet<string>? factKeys, HashSet<string>? entityIds, int evidencePerHop, CancellationToken cancellationToken)
    {
        var generation = _cache.Generation;
        var perFact = Math.Max(evidencePerHop, _cache.EvidencePerFact);
        var read = await ReadAsync((session, ct) =>
        {
            using var snapshot = session.BeginSnapshot();
            var facts = new List<CachedFact>();
            var documents = new List<KeyValuePair<string, DocumentLabel>>();
            if (factKeys is not null)
            {
                var evidence = perFact == 0 ? [] : TopEvidence(session, factKeys, perFact, documents, ct);
                foreach (var fact in FactsByKey(session, factKeys, ct).Values)
                {
                    var top = evidence.GetValueOrDefault(fact.FactKey) ?? [];
                    facts.Add(new CachedFact(fact, top, HasAllEvidence: perFact > 0 && top.Count < perFact));
                }
            }

            var entities = entityIds is null ? [] : EntitiesById(session, entityIds, ct).Values.ToList();
            return Task.FromResult((facts, entities, documents));
        }, cancellationToken);

        if (AfterPathDetailsRead is { } hook)
        {
            await hook();
        }

        _cache.Fill(generation, read.entities, read.facts, read.documents);
        return (read.facts, read.entities);
    }

    // The best evidence per fact, best first; the quoted documents' titles and sources from the cache, or read
    // (and added to documentsRead) in the same snapshot. Ranked as evidence-page.sql ranks a fact's evidence.
    private Dictionary<string, IReadOnlyList<EvidenceView>> TopEvidence(ReadSession session, HashSet<string> factKeys, int perFact,
        List<KeyValuePair<string, DocumentLabel>> documentsRead, CancellationToken cancellationToken)
    {
        var rows = Query(session, "top-evidence-by-fact.sql", [("$keys", JsonArray(factKeys)), ("$per_fact", perFact)], RankedEvidence.Read, cancellationToken);
        var labels = new Dictionary<string, DocumentLabel>(StringComparer.Ordinal);
        HashSet<string>? missing = null;
        foreach (var row in rows)
        {
            if (!labels.ContainsKey(row.DocumentId))
            {
                if (_cache.Documents.TryGet(row.DocumentId, out var label))
                {
                    labels[row.DocumentId] = label;
                }
                else
                {
                    (missing ??= new HashSet<string>(StringComparer.Ordinal)).Add(row.DocumentId);
                }
            }
        }

        if (missing is not null)
        {
            foreach (var document in Query(session, "document-labels.sql", [("$ids", JsonArray(missing))],
                r => KeyValuePair.Create(r.GetString(0), new DocumentLabel(SqliteRows.NullableString(r, 1), r.GetString(2))), cancellationToken))
            {
                labels[document.Key] = document.Value;
                documentsRead.Add(document);
            }
        }

        var evidence = new Dictionary<string, IReadOnlyList<EvidenceView>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            // evidence cascades with its document, so a label is always found; a row without one is dropped as the join did
            if (labels.TryGetValue(row.DocumentId, out var label))
            {
                if (!evidence.TryGetValue(row.FactKey, out var list))
                {
                    evidence[row.FactKey] = list = new List<EvidenceView>(perFact);
                }

                ((List<EvidenceView>)list).Add(row.ToView(label));
            }
        }

        return evidence;
    }

    /// <summary>A row of <c>top-evidence-by-fact.sql</c>: id, fact_key, doc_id, start, end, quote, citations, extractor, confidence.</summary>
    private readonly record struct RankedEvidence(string Id, string FactKey, string DocumentId, int Start, int End, string Quote,
        IReadOnlyList<string> Citations, string Extractor, double Confidence)
    {
        public static RankedEvidence Read(SqliteDataReader reader) => new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetInt32(3),
            reader.GetInt32(4),
            reader.GetString(5),
            SqliteRows.JsonList(reader, 6),
            reader.GetString(7),
            reader.GetDouble(8));

        public EvidenceView ToView(DocumentLabel document) =>
            new(Id, FactKey, DocumentId, document.Title, document.SourceUri, Start, End, Quote, Citations, Extractor, Confidence);
    }
}
