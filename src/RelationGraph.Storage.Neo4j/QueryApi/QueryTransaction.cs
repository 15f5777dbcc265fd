using Microsoft.Extensions.Logging;

namespace RelationGraph.Storage.Neo4j.QueryApi;

/// <summary>
/// An explicit Query API transaction (<c>/tx/{id}</c>). Disposing it without a commit rolls it back with a
/// DELETE, so a failure part-way through a document leaves nothing of it behind; that includes a caller who cancels,
/// since the rollback is sent with a token of its own.
/// </summary>
internal sealed class QueryTransaction(QueryApiClient client, string path, string id, string? affinity, ILogger logger) : IAsyncDisposable
{
    private bool _open = true;

    public string Id => id;

    public async Task<QueryResult> RunAsync(CypherStatement statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(!_open, this);
        // a caller who gave up sends nothing more; disposing rolls the transaction back
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await client.RunInTransactionAsync(path, affinity, statement, parameters, cancellationToken);
        }
        catch (Neo4jException e) when (e.Code is not null)
        {
            // Neo4j closes a transaction when one of its statements fails
            _open = false;
            throw;
        }
        catch (Neo4jException e) when (e.IsTransient && e.InnerException is OperationCanceledException)
        {
            // The statement may still run on the server: a retry would start the same work again beside it and wait
            // on its locks, and a rollback is refused while it runs. Give up on this transaction; the server ends it
            // at the maxExecutionTime it was begun with (Storage:Neo4j:TransactionTimeout).
            _open = false;
            throw new Neo4jException(Neo4jFailure.TimedOut, null,
                $"Neo4j did not finish {statement.Name} within the request timeout inside transaction {id}; not retried, since the server may still be running it "
                + "(it stops the transaction at Storage:Neo4j:TransactionTimeout). Raise Storage:Neo4j:RequestTimeout if such statements are expected to take longer.", e);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(!_open, this);
        _open = false;
        await client.CommitAsync(path, affinity, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_open)
        {
            return;
        }

        _open = false;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.RollbackAsync(path, affinity, timeout.Token);
        }
        catch (Exception e) when (e is Neo4jException or OperationCanceledException)
        {
            // The server also rolls back an idle transaction after server.queryapi.transaction_idle_timeout, and one
            // whose statement still runs (it refuses the rollback meanwhile) at the maxExecutionTime it was begun with;
            // the caller's own error is what matters.
            logger.RollbackFailed(id, e.Message);
        }
    }
}
