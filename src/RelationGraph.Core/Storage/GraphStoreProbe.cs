namespace RelationGraph.Core.Storage;

/// <summary>"Is the store reachable?", asked the same way by the API's readiness check, its 503 answers and the CLI's exit code 3.</summary>
public static class GraphStoreProbe
{
    // No document has this id (ids are "doc_" and 16 hex digits): the lookup is one index seek that finds nothing.
    private const string NoDocument = "doc_probe";

    /// <summary>
    /// True when the store answers a read. After an operation failed, false tells a store that is down from an error of
    /// that one operation.
    /// </summary>
    public static async Task<bool> IsReachableAsync(this IGraphStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            await store.GetDocumentStateAsync(NoDocument, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
