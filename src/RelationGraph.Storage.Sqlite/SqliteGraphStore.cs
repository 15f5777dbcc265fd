using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
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
    internal Action<DocumentGraph>? BeforeCommit { get; set; }

    /// <summary>Test hook: false writes new documents the general way too (see <c>DocumentWriter.NewDocument.cs</c>).</summary>
    internal bool NewDocumentFastPath { get; set; } = true;

    /// <summary>
    /// Benchmark hook: false writes documents without their <c>index_log</c> row, to measure what it costs
    /// (<c>bench ingest --index-log-ab</c>); other processes' path indexes then miss these writes.
    /// </summary>
    internal bool WriteIndexLog { get; set; } = true;

    /// <summary>The path index, for diagnostics and tests.</summary>
    internal PathIndex Index => _index;

    /// <summary>The background checkpointer once initialised, for tests.</summary>
    internal WalCheckpointer? Checkpointer => _checkpointer;

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
    public async Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<DocumentGraph> batches, CancellationToken cancellationToken = default)
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
    private async Task WriteValidAsync(IReadOnlyList<DocumentGraph> batches, List<int> valid, ApplyResult?[] results, CancellationToken cancellationToken)
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
    private static ApplyResult Rejected(DocumentGraph batch, string error) => ApplyResult.Failed(batch.Document?.Id ?? "", error);

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
    private async Task<List<ApplyResult>> WriteAsync(IReadOnlyList<DocumentGraph> batches, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var writer = _writer!;
        writer.BeforeCommit = BeforeCommit;
        writer.NewDocumentFastPath = NewDocumentFastPath;
        writer.WriteIndexLog = WriteIndexLog;
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
}
