using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

/// <summary>
/// <see cref="IGraphStore"/> over Neo4j's HTTP Query API. Every statement comes from <c>cypher/</c>; each
/// document is applied in one explicit transaction, retried whole on transient failures (the writes are
/// idempotent MERGEs keyed by ids and fact keys).
/// </summary>
public sealed class Neo4jGraphStore : IGraphStore, IDisposable
{
    private const int EntityFactsLimit = 1000;
    private const int ExportPageSize = 500;
    private const int NameKeysBackfillBatch = 5000;
    private readonly QueryApiClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    internal Neo4jGraphStore(QueryApiClient client, IOptions<Neo4jStoreOptions> options, TimeProvider time, ILogger<Neo4jGraphStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _time = time;
        _logger = logger;
        _pipeline = BuildPipeline(options.Value, time, logger);
    }

    /// <summary>The server address this store talks to.</summary>
    public Uri Url => _client.Url;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        foreach (var statement in CypherStatements.Schema)
        {
            await WriteAsync(statement, null, cancellationToken);
        }

        // entities stored without NameKey nodes (an earlier version, an import) get them, a batch per transaction
        var linked = 0;
        int batch;
        do
        {
            var result = await WriteAsync(CypherStatements.NameKeysBackfill, new Dictionary<string, object?> { ["limit"] = NameKeysBackfillBatch }, cancellationToken);
            batch = result.Records[0].Int("linked");
            linked += batch;
        }
        while (batch == NameKeysBackfillBatch);

        _logger.SchemaEnsured(Url, CypherStatements.Schema.Count, linked);
    }

    /// <inheritdoc />
    public async Task<StoredDocumentState?> GetDocumentStateAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(CypherStatements.DocumentState, new Dictionary<string, object?> { ["docId"] = documentId }, cancellationToken);
        return result.Records.Count == 0
            ? null
            : new StoredDocumentState(documentId, result.Records[0].StringOrNull("contentHash") ?? "", result.Records[0].StringOrNull("extractorVersion") ?? "");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each document is written in its own transaction. A statement Neo4j refuses (<see cref="Neo4jFailure.Query"/>) fails
    /// that document alone; a server that cannot be reached or refuses the credentials throws its <see cref="Neo4jException"/>.
    /// </remarks>
    public async Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<GraphBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var results = new List<ApplyResult>(batches.Count);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            foreach (var batch in batches)
            {
                results.Add(await ApplyOneAsync(batch, cancellationToken));
            }
        }
        finally
        {
            _writeLock.Release();
        }

        return results;
    }

    private async Task<ApplyResult> ApplyOneAsync(GraphBatch batch, CancellationToken cancellationToken)
    {
        if (BatchValidation.FindProblem(batch) is { } problem)
        {
            return ApplyResult.Failed(batch.Document?.Id ?? "", "the batch is invalid: " + problem);
        }

        var state = await GetDocumentStateAsync(batch.Document.Id, cancellationToken);
        if (state is not null && state.ContentHash == batch.Document.ContentHash && state.ExtractorVersion == batch.ExtractorVersion)
        {
            return new ApplyResult(batch.Document.Id, ApplyOutcome.Unchanged, ChangeCounts.None, ChangeCounts.None, ChangeCounts.None);
        }

        try
        {
            var result = await ExecuteAsync(token => ApplyDocumentAsync(batch, token), cancellationToken);
            _logger.DocumentApplied(batch.Document.Id, result.Outcome);
            return result;
        }
        catch (Neo4jException e) when (e.Failure == Neo4jFailure.Query)
        {
            return ApplyResult.Failed(batch.Document.Id, "Neo4j refused the document: " + e.Message);
        }
    }

    /// <inheritdoc />
    public async Task<ApplyResult?> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // The result of an attempt that reached its commit: when the commit's answer is lost, the retry finds
            // the document gone because that commit did remove it, and this is what the removal changed.
            ApplyResult? committing = null;
            var result = await ExecuteAsync(
                async token => await RemoveDocumentOnceAsync(documentId, r => committing = r, token) ?? committing,
                cancellationToken);
            if (result is not null)
            {
                _logger.DocumentRemoved(documentId, result.Evidence.Removed, result.Facts.Removed, result.Facts.Updated, result.Entities.Removed);
            }

            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> SearchEntitiesAsync(EntitySearch query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = NameKey.Normalise(query.Query);
        if (key.Length == 0 || query.Limit <= 0)
        {
            return [];
        }

        var result = await ReadAsync(CypherStatements.EntitiesSearch, new Dictionary<string, object?>
        {
            ["key"] = key,
            ["kind"] = query.Kind?.ToString(),
            ["limit"] = query.Limit,
        }, cancellationToken);
        return [.. result.Records.Select(r => Neo4jMapping.Entity(r))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = NameKey.Normalise(name);
        if (key.Length == 0)
        {
            return [];
        }

        var result = await ReadAsync(CypherStatements.EntitiesByKey, new Dictionary<string, object?> { ["key"] = key }, cancellationToken);
        return [.. result.Records.Select(r => Neo4jMapping.Entity(r))];
    }

    /// <inheritdoc />
    public async Task<EntityDetail?> GetEntityAsync(string entityId, CancellationToken cancellationToken = default)
    {
        var entity = await ReadAsync(CypherStatements.EntityGet, new Dictionary<string, object?> { ["entityId"] = entityId }, cancellationToken);
        if (entity.Records.Count == 0)
        {
            return null;
        }

        var facts = await ReadAsync(CypherStatements.EntityFacts, FactFilter(entityId, PathFilter.None, EntityFactsLimit), cancellationToken);
        return Neo4jMapping.EntityDetail(entity.Records[0], [.. facts.Records.Select(Neo4jMapping.Fact)]);
    }

    /// <inheritdoc />
    /// <remarks>One entity-get read: the interface's default would read the entity's facts too.</remarks>
    public async Task<EntitySummary?> GetEntitySummaryAsync(string entityId, CancellationToken cancellationToken = default)
    {
        var entity = await ReadAsync(CypherStatements.EntityGet, new Dictionary<string, object?> { ["entityId"] = entityId }, cancellationToken);
        return entity.Records.Count == 0 ? null : Neo4jMapping.Entity(entity.Records[0]);
    }

    /// <inheritdoc />
    public async Task<PathResult> FindPathsAsync(PathRequest request, CancellationToken cancellationToken = default)
    {
        PathRequestBounds.Validate(request);
        var started = _time.GetTimestamp();
        if (request.FromId == request.ToId)
        {
            return new PathResult([], false, _time.GetElapsedTime(started));
        }

        var template = request.Mode switch
        {
            PathMode.Shortest => CypherStatements.PathsShortest,
            PathMode.KShortest => CypherStatements.PathsKShortest,
            _ => CypherStatements.PathsAllSimple,
        };
        // paths have at most MaxHops distinct lengths, so more groups than that select nothing more
        var statement = CypherStatements.BoundPath(template, request.MaxHops, Math.Min(request.K, request.MaxHops));
        var parameters = PathParameters(request);
        QueryResult rows;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            budget.CancelAfter(request.Timeout);
            try
            {
                rows = await ReadAsync(statement, parameters, budget.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.PathQueryTimedOut(request.Timeout);
                return new PathResult([], true, _time.GetElapsedTime(started));
            }
        }

        var found = rows.Records
            .Select(r => (Nodes: r["nodes"].EnumerateArray().Select(Neo4jMapping.Entity).ToArray(), Facts: r["facts"].EnumerateArray().Select(Neo4jMapping.Fact).ToArray()))
            .ToList();
        var evidence = await EvidenceForFactsAsync(found.SelectMany(p => p.Facts).Select(f => f.FactKey).Distinct(StringComparer.Ordinal).ToArray(), request.EvidencePerHop, cancellationToken);
        var paths = found.Select(p => new GraphPath(p.Nodes, [.. p.Facts.Select((fact, i) =>
            new PathHop(fact, p.Nodes[i].Id, p.Nodes[i + 1].Id, fact.SubjectId == p.Nodes[i].Id, evidence.GetValueOrDefault(fact.FactKey, [])))]));
        return new PathResult([.. paths], false, _time.GetElapsedTime(started));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(string entityId, PathFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        PathRequestBounds.ValidateFilter(filter);
        if (limit <= 0)
        {
            return [];
        }

        var result = await ReadAsync(CypherStatements.EntityFacts, FactFilter(entityId, filter, limit), cancellationToken);
        return [.. result.Records.Select(r =>
        {
            var fact = Neo4jMapping.Fact(r);
            return new Neighbour(Neo4jMapping.Entity(r, "other"), fact, fact.SubjectId == entityId);
        })];
    }

    /// <inheritdoc />
    public async Task<EvidencePage?> GetEvidenceAsync(string factKey, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var fact = await ReadAsync(CypherStatements.FactGet, new Dictionary<string, object?> { ["factKey"] = factKey }, cancellationToken);
        if (fact.Records.Count == 0)
        {
            return null;
        }

        var summary = Neo4jMapping.Fact(fact.Records[0]);
        var page = await ReadAsync(CypherStatements.EvidencePage, new Dictionary<string, object?>
        {
            ["factKey"] = factKey,
            ["offset"] = offset,
            ["limit"] = limit,
        }, cancellationToken);
        return new EvidencePage(summary, summary.EvidenceCount, offset, [.. page.Records.Select(r => Neo4jMapping.Evidence(r) with { DocumentPublishedAt = r.Time("publishedAt") })]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var result = await ReadAsync(CypherStatements.DocumentsList, new Dictionary<string, object?> { ["offset"] = offset, ["limit"] = limit }, cancellationToken);
        return [.. result.Records.Select(Neo4jMapping.Document)];
    }

    /// <inheritdoc />
    public async Task<DocumentDetail?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(CypherStatements.DocumentGet, new Dictionary<string, object?> { ["docId"] = documentId }, cancellationToken);
        return result.Records.Count == 0 ? null : Neo4jMapping.DocumentDetail(result.Records[0]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MentionRecord>?> GetDocumentMentionsAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(CypherStatements.DocumentMentions, new Dictionary<string, object?> { ["docId"] = documentId }, cancellationToken);

        // no row: no such document; one row with a null id: a document without mentions
        return result.Records.Count == 0 ? null : [.. result.Records.Where(r => !r.IsNull("id")).Select(Neo4jMapping.Mention)];
    }

    /// <inheritdoc />
    public async Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var r = (await ReadAsync(CypherStatements.Counts, null, cancellationToken)).Records[0];
        return new GraphCounts(r.Long("documents"), r.Long("entities"), r.Long("facts"), r.Long("mentions"), r.Long("evidence"));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<GraphExportItem> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var r in PagesAsync(CypherStatements.ExportDocuments, "id", cancellationToken))
        {
            yield return new GraphExportItem { Document = Neo4jMapping.DocumentDetail(r) };
        }

        await foreach (var r in PagesAsync(CypherStatements.ExportEntities, "id", cancellationToken))
        {
            yield return new GraphExportItem { Entity = Neo4jMapping.EntityDetail(r, []) };
        }

        // one type at a time: each type's factKey index serves its pages in order, no scan of every relationship
        foreach (var type in RelationTypes.All)
        {
            await foreach (var r in PagesAsync(CypherStatements.ExportFactsOf(type), "factKey", cancellationToken))
            {
                yield return new GraphExportItem { Fact = Neo4jMapping.Fact(r) };
            }
        }

        await foreach (var r in PagesAsync(CypherStatements.ExportMentions, "id", cancellationToken))
        {
            yield return new GraphExportItem { Mention = Neo4jMapping.Mention(r) };
        }

        await foreach (var r in PagesAsync(CypherStatements.ExportEvidence, "id", cancellationToken))
        {
            yield return new GraphExportItem { Evidence = Neo4jMapping.Evidence(r) };
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writeLock.Dispose();

    /// <summary>Deletes everything in the database. Only the live test suite calls it, against a throwaway server.</summary>
    internal Task DeleteAllAsync(CancellationToken cancellationToken) => WriteAsync(CypherStatements.DeleteAll, null, cancellationToken);

    private async Task<ApplyResult> ApplyDocumentAsync(GraphBatch batch, CancellationToken cancellationToken)
    {
        var docId = batch.Document.Id;
        var byDoc = new Dictionary<string, object?> { ["docId"] = docId };
        await using var tx = await _client.BeginAsync(cancellationToken);

        // asked again inside the transaction: a retry after a commit whose answer was lost must see the document
        var existed = (await tx.RunAsync(CypherStatements.DocumentState, byDoc, cancellationToken)).Records.Count > 0;
        var (oldEvidence, touchedFacts, touchedEntities) = existed ? await DeleteProvenanceAsync(tx, byDoc, cancellationToken) : Provenance.Empty();

        await tx.RunAsync(CypherStatements.DocumentMerge, new Dictionary<string, object?>
        {
            ["docId"] = docId,
            ["props"] = BatchRows.Document(batch, _time.GetUtcNow()),
        }, cancellationToken);
        var createdEntities = await CreatedAsync(tx, CypherStatements.EntitiesMerge, BatchRows.Entities(batch), "id", cancellationToken);
        await RunRowsAsync(tx, CypherStatements.MentionsCreate, docId, BatchRows.Mentions(batch), cancellationToken);
        var createdFacts = await CreatedAsync(tx, CypherStatements.FactsMerge, BatchRows.Facts(batch), "factKey", cancellationToken);
        await RunRowsAsync(tx, CypherStatements.EvidenceCreate, docId, BatchRows.Evidence(batch), cancellationToken);

        foreach (var fact in batch.Facts)
        {
            touchedFacts[fact.FactKey] = (fact.SubjectId, fact.ObjectId);
        }

        touchedEntities.UnionWith(batch.Entities.Select(e => e.Id));
        touchedEntities.UnionWith(touchedFacts.Values.SelectMany(f => new[] { f.Subject, f.Object }));

        var removedFacts = await RecomputeFactsAsync(tx, touchedFacts, cancellationToken);
        var removedEntities = await RecomputeEntitiesAsync(tx, touchedEntities, cancellationToken);
        await tx.CommitAsync(cancellationToken);

        var newEvidence = batch.Evidence.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return new ApplyResult(
            docId,
            existed ? ApplyOutcome.Updated : ApplyOutcome.Added,
            Changes(touchedEntities.Count, createdEntities, removedEntities),
            Changes(touchedFacts.Count, createdFacts, removedFacts),
            new ChangeCounts(newEvidence.Except(oldEvidence).Count(), newEvidence.Intersect(oldEvidence).Count(), oldEvidence.Except(newEvidence).Count()));
    }

    // One attempt at removing a document in one transaction; null when the store does not hold it.
    private async Task<ApplyResult?> RemoveDocumentOnceAsync(string documentId, Action<ApplyResult> committing, CancellationToken cancellationToken)
    {
        var byDoc = new Dictionary<string, object?> { ["docId"] = documentId };
        await using var tx = await _client.BeginAsync(cancellationToken);
        if ((await tx.RunAsync(CypherStatements.DocumentState, byDoc, cancellationToken)).Records.Count == 0)
        {
            return null;
        }

        var (oldEvidence, touchedFacts, touchedEntities) = await DeleteProvenanceAsync(tx, byDoc, cancellationToken);
        await tx.RunAsync(CypherStatements.DocumentDelete, byDoc, cancellationToken);
        var removedFacts = await RecomputeFactsAsync(tx, touchedFacts, cancellationToken);
        var removedEntities = await RecomputeEntitiesAsync(tx, touchedEntities, cancellationToken);
        var result = new ApplyResult(
            documentId,
            ApplyOutcome.Removed,
            Changes(touchedEntities.Count, 0, removedEntities),
            Changes(touchedFacts.Count, 0, removedFacts),
            new ChangeCounts(0, 0, oldEvidence.Count));
        committing(result);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>What a stored document's own mentions and evidence touched, before they were deleted.</summary>
    private sealed record Provenance(HashSet<string> Evidence, Dictionary<string, (string Subject, string Object)> Facts, HashSet<string> Entities)
    {
        public static Provenance Empty() => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
    }

    // Deletes a stored document's mentions and evidence, returning what they touched: those facts and entities are recounted.
    private static async Task<Provenance> DeleteProvenanceAsync(QueryTransaction tx, Dictionary<string, object?> byDoc, CancellationToken cancellationToken)
    {
        var provenance = Provenance.Empty();
        foreach (var r in (await tx.RunAsync(CypherStatements.DocumentProvenance, byDoc, cancellationToken)).Records)
        {
            AddIfPresent(provenance.Entities, r.StringOrNull("subjectId"));
            AddIfPresent(provenance.Entities, r.StringOrNull("objectId"));
            if (r.StringOrNull("factKey") is { } factKey && r.StringOrNull("subjectId") is { } s && r.StringOrNull("objectId") is { } o)
            {
                provenance.Evidence.Add(r.String("id"));
                provenance.Facts[factKey] = (s, o);
            }
        }

        await tx.RunAsync(CypherStatements.DocumentDeleteProvenance, byDoc, cancellationToken);
        return provenance;
    }

    private static ChangeCounts Changes(int touched, int added, int removed) => new(added, touched - added - removed, removed);

    private static void AddIfPresent(HashSet<string> set, string? value)
    {
        if (value is not null)
        {
            set.Add(value);
        }
    }

    private static async Task<int> CreatedAsync(QueryTransaction tx, CypherStatement statement, IReadOnlyList<object?> rows, string keyField, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var result = await tx.RunAsync(statement, new Dictionary<string, object?> { ["rows"] = rows }, cancellationToken);
        if (result.Records.Count != rows.Count)
        {
            throw new Neo4jException(Neo4jFailure.Query, null,
                $"{statement.Name} wrote {result.Records.Count} of {rows.Count} rows; an entity it refers to is missing.");
        }

        return result.Records.Count(r => r["created"].GetBoolean() && r.StringOrNull(keyField) is not null);
    }

    private static async Task RunRowsAsync(QueryTransaction tx, CypherStatement statement, string docId, IReadOnlyList<object?> rows, CancellationToken cancellationToken)
    {
        if (rows.Count > 0)
        {
            await tx.RunAsync(statement, new Dictionary<string, object?> { ["docId"] = docId, ["rows"] = rows }, cancellationToken);
        }
    }

    // Recounts every fact the document touched inside Neo4j (facts-recount locks each first); deletes facts left without evidence.
    private static async Task<int> RecomputeFactsAsync(QueryTransaction tx, Dictionary<string, (string Subject, string Object)> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return 0;
        }

        // one lock order for every writer, so two writers touching the same facts wait instead of deadlocking
        var rows = facts.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (object?)new Dictionary<string, object?> { ["factKey"] = f.Key, ["subjectId"] = f.Value.Subject, ["objectId"] = f.Value.Object })
            .ToList();
        var result = await tx.RunAsync(CypherStatements.FactsRecount, new Dictionary<string, object?> { ["rows"] = rows }, cancellationToken);
        return result.Records.Count(r => r["removed"].GetBoolean());
    }

    // Recounts entity totals inside Neo4j; deletes entities that no mention and no fact supports any more.
    private static async Task<int> RecomputeEntitiesAsync(QueryTransaction tx, HashSet<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var result = await tx.RunAsync(CypherStatements.EntitiesRecount, new Dictionary<string, object?> { ["ids"] = ids.Order(StringComparer.Ordinal).ToArray() }, cancellationToken);
        var unsupported = result.Records.Where(r => r["unsupported"].GetBoolean()).Select(r => r.String("id")).ToList();
        if (unsupported.Count > 0)
        {
            await tx.RunAsync(CypherStatements.EntitiesDelete, new Dictionary<string, object?> { ["ids"] = unsupported }, cancellationToken);
        }

        return unsupported.Count;
    }

    private async Task<Dictionary<string, IReadOnlyList<EvidenceView>>> EvidenceForFactsAsync(string[] factKeys, int perFact, CancellationToken cancellationToken)
    {
        if (factKeys.Length == 0 || perFact == 0)
        {
            return [];
        }

        var result = await ReadAsync(CypherStatements.EvidenceForFacts, new Dictionary<string, object?> { ["factKeys"] = factKeys, ["perFact"] = perFact }, cancellationToken);
        return result.Records.ToDictionary(
            r => r.String("factKey"),
            r => (IReadOnlyList<EvidenceView>)[.. r["items"].EnumerateArray().Select(item => Neo4jMapping.Evidence(r.String("factKey"), item))],
            StringComparer.Ordinal);
    }

    private static Dictionary<string, object?> PathParameters(PathRequest request)
    {
        var parameters = FilterParameters(request.Filter);
        parameters["fromId"] = request.FromId;
        parameters["toId"] = request.ToId;
        parameters["k"] = request.K;
        parameters["middleKinds"] = request.Filter.MiddleKinds.Select(k => k.ToString()).Order(StringComparer.Ordinal).ToArray();
        parameters["maxDegree"] = request.Filter.MaxDegree;
        return parameters;
    }

    private static Dictionary<string, object?> FactFilter(string entityId, PathFilter filter, int limit)
    {
        var parameters = FilterParameters(filter);
        parameters["entityId"] = entityId;
        parameters["limit"] = limit;
        return parameters;
    }

    // The fact predicates shared by entity-facts and the path statements.
    private static Dictionary<string, object?> FilterParameters(PathFilter filter) => new()
    {
        ["types"] = filter.Types.Select(t => t.ToWireName()).Order(StringComparer.Ordinal).ToArray(),
        ["minConfidence"] = filter.MinConfidence,
        ["minDocs"] = filter.MinDocs,
        ["reportedFrom"] = Values.Time(filter.ReportedFrom),
        ["reportedTo"] = Values.Time(filter.ReportedTo),
    };

    private async IAsyncEnumerable<QueryRecord> PagesAsync(CypherStatement statement, string keyField, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            var page = await ReadAsync(statement, new Dictionary<string, object?> { ["after"] = after, ["limit"] = ExportPageSize }, cancellationToken);
            foreach (var record in page.Records)
            {
                yield return record;
            }

            if (page.Records.Count < ExportPageSize)
            {
                yield break;
            }

            after = page.Records[^1].String(keyField);
        }
    }

    private Task<QueryResult> ReadAsync(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken) =>
        ExecuteAsync(token => _client.RunAsync(statement, parameters, readOnly: true, token), cancellationToken);

    private Task<QueryResult> WriteAsync(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken) =>
        ExecuteAsync(token => _client.RunAsync(statement, parameters, readOnly: false, token), cancellationToken);

    private async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    state.Attempts();
                    return await state.Work(token);
                },
                (Work: work, Attempts: (Action)(() => attempts++)),
                cancellationToken);
        }
        catch (Neo4jException e) when (e.IsTransient)
        {
            throw new Neo4jException(Neo4jFailure.Unavailable, e.Code,
                string.Create(CultureInfo.InvariantCulture, $"Neo4j at {Url} still failing after {attempts} attempts: {e.Message}"), e);
        }
    }

    private static ResiliencePipeline BuildPipeline(Neo4jStoreOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Neo4jException>(e => e.IsTransient),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception as Neo4jException;
                    logger.Retrying(args.AttemptNumber + 1, error?.Code, args.Outcome.Exception?.Message ?? "", args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.Build();
    }
}
