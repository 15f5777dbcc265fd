using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite.Reading;

namespace RelationGraph.Storage.Sqlite;

/// <summary>
/// The embedded <see cref="IGraphStore"/>: SQLite (WAL) holds documents, entities, facts and evidence;
/// an in-memory <see cref="PathIndex"/> built at start and updated after every ingest (this process's, and other
/// processes' through the <c>index_log</c> table) answers path queries, and SQLite resolves their details and evidence.
/// </summary>
/// <remarks>
/// One write connection behind a gate serialises writers; every read opens its own pooled connection,
/// so reads run concurrently with a write. SQLITE_BUSY and SQLITE_LOCKED are retried with jittered
/// exponential back-off, a whole document at a time.
/// </remarks>
public sealed partial class SqliteGraphStore : IGraphStore, IBulkLoadStore, IAsyncDisposable, IDisposable
{
    // SQLite primary result codes (sqlite.org/rescode.html)
    private const int PermissionCode = 3;
    private const int BusyCode = 5;
    private const int LockedCode = 6;
    private const int NoMemoryCode = 7;
    private const int ReadOnlyCode = 8;
    private const int IoErrorCode = 10;
    private const int CorruptCode = 11;
    private const int FullCode = 13;
    private const int CantOpenCode = 14;
    private const int NotADatabaseCode = 26;

    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly ReadSessionPool _readers;

    private SqliteConnection? _writeConnection;
    private DocumentWriter? _writer;
    private WalCheckpointer? _checkpointer;
    private PathIndex _index = new();
    private volatile bool _initialized;
    private bool _disposed;

    /// <summary>Creates the store; nothing is opened until <see cref="InitializeAsync"/> (or the first call).</summary>
    public SqliteGraphStore(IOptions<SqliteStoreOptions> options, TimeProvider? timeProvider = null, ILogger<SqliteGraphStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _connectionString = BuildConnectionString(_options);
        _cache = new PathDetailCache(_options.CachedEntities, _options.CachedFacts, _options.CachedEvidencePerFact, _options.CachedDocuments);
        _readers = new ReadSessionPool(_options.ReadConnections, OpenReadSession);
        _retry = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SqliteException>(IsBusyOrLocked),
                MaxRetryAttempts = Math.Max(1, _options.MaxRetryAttempts),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(20),
                MaxDelay = TimeSpan.FromSeconds(2),
                OnRetry = args =>
                {
                    var code = args.Outcome.Exception is SqliteException sqlite ? sqlite.SqliteErrorCode : 0;
                    _logger.RetryingBusy(code, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    RetryObserved?.Invoke(args.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The full path of the store file when it is given as <c>Path</c>; null when a connection string names the database.</summary>
    public string? DatabaseFile => string.IsNullOrWhiteSpace(_options.ConnectionString) ? FilePath(_options.Path) : null;

    /// <summary>Test hook: called with the attempt number each time a busy/locked error is retried.</summary>
    internal Action<int>? RetryObserved { get; set; }

    /// <summary>Test hook: runs inside a document's transaction just before commit.</summary>
    internal Action<GraphBatch>? BeforeCommit { get; set; }

    /// <summary>Test hook: false writes new documents the general way too (see <c>DocumentWriter.NewDocument.cs</c>).</summary>
    internal bool NewDocumentFastPath { get; set; } = true;

    /// <summary>The path index, for diagnostics and tests.</summary>
    internal PathIndex Index => _index;

    /// <summary>The background checkpointer once initialised, for tests.</summary>
    internal WalCheckpointer? Checkpointer => _checkpointer;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            CreateFolderOf(DatabaseFile);
            var connection = new SqliteConnection(_connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                // temp tables and sort B-trees in memory (the default spills them to files); a larger page cache for the writer;
                // WalCheckpointer copies the log back on its own thread; SQLite's own checkpoint on the writer's thread is only the
                // backstop at four times that, for a log that outgrows the copying (a reader holding an old snapshot, say)
                ExecuteScript(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
                ExecuteScript(connection, $"PRAGMA wal_autocheckpoint = {(int)Math.Min(int.MaxValue, 4L * _options.WalCheckpointPages):D};");
                ConfigureConnection(connection);
                connection.CreateAggregate("noisy_or", 1.0, static (double untrue, double confidence) => untrue * (1 - Math.Clamp(confidence, 0, 1)), static untrue => 1 - untrue);
                await _retry.ExecuteAsync(_ => { ExecuteScript(connection, Sql.Get("schema.sql")); return ValueTask.CompletedTask; }, cancellationToken);
                await _retry.ExecuteAsync(_ => { MigrateMentionsTable(connection); return ValueTask.CompletedTask; }, cancellationToken);
                // also what finishes a bulk load whose process was killed: its indexes are built now
                await _retry.ExecuteAsync(_ => { ExecuteScript(connection, Sql.Get("secondary-indexes.sql")); return ValueTask.CompletedTask; }, cancellationToken);
                ExecuteScript(connection, Sql.Get("touched-tables.sql"));
                _writeConnection = connection;
                _writer = new DocumentWriter(connection, _timeProvider);
                _checkpointer = new WalCheckpointer(_connectionString, _options.WalCheckpointPages, _logger);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            _logger.StoreOpened(connection.DataSource);
            var stopwatch = Stopwatch.StartNew();
            // the newest change-log entry before the build: a commit during it is replayed at the first read (IndexSync)
            _indexSeq = await ReadUninitializedAsync((session, _) => Task.FromResult(LogBounds(session).Latest), cancellationToken);
            _index = await BuildIndexAsync(cancellationToken);
            _logger.IndexBuilt(_index.NodeCount, _index.EdgeCount, stopwatch.ElapsedMilliseconds);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>Rebuilds the path index from the database (at start; tests compare it with the incremental one).</summary>
    internal async Task<PathIndex> BuildIndexAsync(CancellationToken cancellationToken)
    {
        return await ReadUninitializedAsync(async (session, ct) =>
        {
            var connection = session.Connection;
            // sized up front: growing the tables and arrays of a million entries copies them several times
            var entityCount = Scalar<long>(connection, "SELECT count(*) FROM entities;");
            var factCount = Scalar<long>(connection, "SELECT count(*) FROM facts;");
            var builder = new PathIndexBuilder((int)entityCount, (int)factCount);

            // the facts are read on their own connection, from the start, while the entities are read on this one
            await using var factConnection = await OpenReadConnectionAsync(ct);
            IndexRowReader.ReadEntitiesAndFacts(connection, factConnection, builder, ct);
            return builder.Build();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredDocumentState?> GetDocumentStateAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        return await QueryFirstAsync("document-state.sql", [("$id", documentId)],
            r => new StoredDocumentState(r.GetString(0), r.GetString(1), r.GetString(2)), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The valid documents are written in one transaction; when it fails, each is written in its own, so the others land
    /// and only the one that fails again is reported failed. A failure of the database itself (I/O, full, read-only,
    /// corrupt, still locked after the retries) throws its <see cref="SqliteException"/>.
    /// </remarks>
    public async Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<GraphBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var results = new ApplyResult?[batches.Count];
        var valid = new List<int>(batches.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            if (BatchValidation.FindProblem(batches[i]) is { } problem)
            {
                results[i] = Rejected(batches[i], "the batch is invalid: " + problem);
            }
            else
            {
                valid.Add(i);
            }
        }

        await InitializeAsync(cancellationToken);
        if (valid.Count > 0)
        {
            await _writeGate.WaitAsync(cancellationToken);
            try
            {
                await WriteValidAsync(batches, valid, results, cancellationToken);
            }
            finally
            {
                _writeGate.Release();
            }
        }

        return results!;
    }

    // Inside the write gate: all in one transaction, else one transaction per document.
    private async Task WriteValidAsync(IReadOnlyList<GraphBatch> batches, List<int> valid, ApplyResult?[] results, CancellationToken cancellationToken)
    {
        if (valid.Count > 1)
        {
            try
            {
                var together = await WriteAsync([.. valid.Select(i => batches[i])], cancellationToken);
                for (var j = 0; j < valid.Count; j++)
                {
                    results[valid[j]] = together[j];
                }

                return;
            }
            catch (Exception ex) when (IsDocumentFailure(ex))
            {
                _logger.BatchRolledBack(valid.Count, ex);
            }
        }

        foreach (var i in valid)
        {
            try
            {
                results[i] = (await WriteAsync([batches[i]], cancellationToken))[0];
            }
            catch (Exception ex) when (IsDocumentFailure(ex))
            {
                results[i] = Rejected(batches[i], "the store refused the document: " + ex.Message);
            }
        }
    }

    // the caller (the ingestion pipeline) logs failed documents with their source
    private static ApplyResult Rejected(GraphBatch batch, string error) => ApplyResult.Failed(batch.Document?.Id ?? "", error);

    // What one document can cause (a constraint, a bad value, a bug in writing it) rather than the database failing:
    // the database's own errors, and an exhausted retry on a lock, concern every document and are thrown.
    private static bool IsDocumentFailure(Exception ex) => ex switch
    {
        OperationCanceledException or ObjectDisposedException or OutOfMemoryException or StoreUnavailableException => false,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is not (BusyCode or LockedCode or PermissionCode or NoMemoryCode or ReadOnlyCode
            or IoErrorCode or CorruptCode or FullCode or CantOpenCode or NotADatabaseCode),
        _ => true,
    };

    /// <inheritdoc />
    public async Task<ApplyResult?> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        await InitializeAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var writer = _writer!;
            var removed = await WhileNotLockedAsync(() => _retry.ExecuteAsync(static (state, _) => ValueTask.FromResult(state.writer.Remove(state.documentId)), (writer, documentId), cancellationToken));
            if (removed is not { } applied)
            {
                return null;
            }

            await _checkpointer!.AfterCommitAsync(_writeConnection!);
            _index.Apply(applied.Delta);
            _cache.Invalidate(applied.Delta, documentId);
            // committed: a cancellation now would report a removal that happened as failed
            await AfterOwnCommitAsync(writer.LastLogged, CancellationToken.None);
            var result = applied.Result;
            _logger.DocumentRemoved(documentId, result.Evidence.Removed, result.Facts.Removed, result.Facts.Updated, result.Entities.Removed);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryBeginBulkLoadAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await _retry.ExecuteAsync(static (writer, _) => ValueTask.FromResult(writer.BeginBulkLoad()), _writer!, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task EndBulkLoadAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await _retry.ExecuteAsync(static (writer, _) => { writer.EndBulkLoad(); return ValueTask.CompletedTask; }, _writer!, cancellationToken);
            await _checkpointer!.AfterCommitAsync(_writeConnection!);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // Inside the write gate. Deltas reach the index after commit and in commit order.
    private async Task<List<ApplyResult>> WriteAsync(IReadOnlyList<GraphBatch> batches, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var writer = _writer!;
        writer.BeforeCommit = BeforeCommit;
        writer.NewDocumentFastPath = NewDocumentFastPath;
        var applied = await WhileNotLockedAsync(() => _retry.ExecuteAsync(static (state, _) => ValueTask.FromResult(state.writer.Apply(state.batches)), (writer, batches), cancellationToken));
        await _checkpointer!.AfterCommitAsync(_writeConnection!);
        var results = new List<ApplyResult>(applied.Count);
        foreach (var (result, delta) in applied)
        {
            _index.Apply(delta);
            if (result.Outcome != ApplyOutcome.Unchanged)
            {
                _cache.Invalidate(delta, result.DocumentId);
            }

            results.Add(result);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.DocumentApplied(result.DocumentId, result.Outcome.ToString(), result.Facts.Added, result.Facts.Updated, result.Facts.Removed);
            }
        }

        // committed: a cancellation now would report written documents as failed
        await AfterOwnCommitAsync(writer.LastLogged, CancellationToken.None);

        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntitySummary>> SearchEntitiesAsync(EntitySearch query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var key = NameKey.Normalise(query.Query);
        if (key.Length == 0)
        {
            return [];
        }

        (string, object?)[] parameters = [("$key", key), ("$key_end", key + char.ConvertFromUtf32(0x10FFFF)), ("$kind", query.Kind?.ToString()), ("$limit", query.Limit)];
        return await ReadAsync((session, ct) =>
        {
            // what people type is mostly the start of a name: a full page of exact and prefix matches needs no contains scan
            var found = Query(session, "search-entities-prefix.sql", parameters, r => SqliteRows.Entity(r, []), ct);
            if (found.Count < query.Limit)
            {
                found = Query(session, "search-entities.sql", parameters, r => SqliteRows.Entity(r, []), ct);
            }

            return Task.FromResult(WithAliases(session, found));
        }, cancellationToken);
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

        return await ReadAsync((session, ct) => Task.FromResult(WithAliases(session,
            Query(session, "find-by-name.sql", [("$key", key)], r => SqliteRows.Entity(r, []), ct))), cancellationToken);
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
    }

    /// <summary>Closes the write connection and releases the index.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }

        _writer?.Dispose();
        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync();
        }

        _readers.Dispose();
        _index.Dispose();
        _writeGate.Dispose();
        _initGate.Dispose();
    }

    /// <summary>Closes the write connection and releases the index.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // Still busy after every retry: another process holds the file's write lock. That is the store being unavailable for
    // now (a client should retry), not a bad document; a batch is then not split and written again one document at a time.
    private static async ValueTask<T> WhileNotLockedAsync<T>(Func<ValueTask<T>> write)
    {
        try
        {
            return await write();
        }
        catch (SqliteException ex) when (IsBusyOrLocked(ex))
        {
            throw new StoreUnavailableException("The store is locked by another writer (SQLite busy); try again shortly.", ex);
        }
    }

    private static bool IsBusyOrLocked(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) is BusyCode or LockedCode;

    private static string BuildConnectionString(SqliteStoreOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = FilePath(options.Path) }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.ForeignKeys = true;
        builder.Pooling = true;

        // Microsoft.Data.Sqlite retries busy statements itself until this (seconds) runs out; keep it near busy_timeout
        builder.DefaultTimeout = Math.Max(1, (options.BusyTimeoutMilliseconds + 999) / 1000);
        return builder.ToString();
    }

    private static string FilePath(string path) => Path.GetFullPath(path);

    // At open, not in the constructor: a path that cannot be used then fails InitializeAsync (a host can serve with
    // /health/ready failing), instead of failing whatever first asks the container for the store.
    private static void CreateFolderOf(string? file)
    {
        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static string JsonArray(IEnumerable<string> values) =>
        JsonSerializer.Serialize(values.Distinct(StringComparer.Ordinal).ToList(), SqliteJson.Default.ListString);

    private void ConfigureConnection(SqliteConnection connection) =>
        ExecuteScript(connection, $"PRAGMA busy_timeout = {_options.BusyTimeoutMilliseconds:D}; PRAGMA foreign_keys = ON;");

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

    private static void ExecuteScript(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            ConfigureConnection(connection);
            ConfigureReadConnection(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

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
