namespace RelationGraph.Core.Storage;

/// <summary>
/// A store that loads a large job into an empty graph faster by deferring what only readers and changed documents need
/// (its secondary indexes) to the end of the job, where each is built once from sorted rows.
/// Optional: the ingestion pipeline uses it when its store offers it (<see cref="Ingestion.IngestionOptions.BulkLoadMinDocuments"/>).
/// </summary>
/// <remarks>
/// While a bulk load runs, every read still answers correctly (some more slowly). Anything beyond adding self-contained
/// documents (a changed document, a removal), or another writer on the same store, ends it early: the indexes are built
/// first. A process killed mid-load leaves a store that builds them when it is next opened, so a killed bulk job run
/// again ends with the graph an uninterrupted one gives.
/// </remarks>
public interface IBulkLoadStore
{
    /// <summary>Starts a bulk load if the store holds no documents; false, changing nothing, otherwise.</summary>
    Task<bool> TryBeginBulkLoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Builds what the bulk load deferred and ends it; does nothing when none is under way.</summary>
    Task EndBulkLoadAsync(CancellationToken cancellationToken = default);
}
