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
/// idempotent MERGEs keyed by ids and fact keys, and a document found stored has its contribution to the running
/// totals taken out before it is added again).
/// </summary>
public sealed partial class Neo4jGraphStore : IGraphStore, IDisposable
{
    private const int EntityFactsLimit = 1000;
    private const int ExportPageSize = 500;
    private const int NameKeysBackfillBatch = 5000;
    private const int ProvenanceBackfillBatch = 5000;
    private const int FactsBackfillBatch = 1000;
    private readonly QueryApiClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _requestTimeout;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    internal Neo4jGraphStore(QueryApiClient client, IOptions<Neo4jStoreOptions> options, TimeProvider time, ILogger<Neo4jGraphStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _time = time;
        _logger = logger;
        _requestTimeout = options.Value.RequestTimeout;
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
        await FillRunningTotalsAsync(cancellationToken);
        await BackfillIdentityKeysAsync(cancellationToken);
    }

    // Data written before running totals (an earlier version, an export loaded into the database) gets their state once:
    // facts from all their evidence, mentions and evidence the properties the lookups index. The mark says it is done.
    private async Task FillRunningTotalsAsync(CancellationToken cancellationToken)
    {
        if ((await ReadAsync(CypherStatements.StoreFormat, null, cancellationToken)).Records[0]["current"].GetBoolean())
        {
            return;
        }

        var mentions = await RepeatAsync(CypherStatements.MentionsBackfill, ProvenanceBackfillBatch, cancellationToken);
        var evidence = await RepeatAsync(CypherStatements.EvidenceBackfill, ProvenanceBackfillBatch, cancellationToken);
        var facts = await RepeatAsync(CypherStatements.FactsBackfill, FactsBackfillBatch, cancellationToken);
        await WriteAsync(CypherStatements.StoreFormatMark, null, cancellationToken);
        if (mentions + evidence + facts > 0)
        {
            _logger.RunningTotalsFilled(Url, facts, mentions, evidence);
        }
    }

    // Runs a batch statement that returns how many it did ("done") until a batch comes back short.
    private async Task<int> RepeatAsync(CypherStatement statement, int limit, CancellationToken cancellationToken)
    {
        var total = 0;
        int done;
        do
        {
            done = (await WriteAsync(statement, new Dictionary<string, object?> { ["limit"] = limit }, cancellationToken)).Records[0].Int("done");
            total += done;
        }
        while (done == limit);

        return total;
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
                // the server stops the query when the request's budget is spent (rounded up to a whole second): giving
                // up on the answer here does not stop it there
                var serverTimeout = request.Timeout < _requestTimeout ? request.Timeout : _requestTimeout;
                rows = await ExecuteAsync(token => _client.RunAsync(statement, parameters, readOnly: true, serverTimeout, token), budget.Token);
            }
            catch (Exception e) when ((e is OperationCanceledException && !cancellationToken.IsCancellationRequested) || e is Neo4jException { IsServerTimeout: true })
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
    /// <remarks>Every transaction that writes a document also merges the one <c>:StoreHistory</c> node, which removals leave.</remarks>
    public async Task<bool> HasEverHeldDocumentsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync(CypherStatements.EverHeldDocuments, null, cancellationToken)).Records[0]["everHeld"].GetBoolean();

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

        foreach (var judgement in await ListJudgementsAsync(cancellationToken))
        {
            yield return new GraphExportItem { Judgement = judgement };
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writeLock.Dispose();

    /// <summary>Deletes everything in the database. Only the live test suite calls it, against a throwaway server.</summary>
    internal Task DeleteAllAsync(CancellationToken cancellationToken) => WriteAsync(CypherStatements.DeleteAll, null, cancellationToken);


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
