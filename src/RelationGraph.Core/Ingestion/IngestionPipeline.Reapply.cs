using System.Text;

namespace RelationGraph.Core.Ingestion;

// Reapplying: stored documents extracted again from their stored text and written through the same writer as an ingest,
// after identity decisions about them changed (a judgement made or revoked).
public sealed partial class IngestionPipeline
{
    /// <summary>
    /// Extracts stored documents again from their stored text and writes them through the same identity decisions and
    /// judgements as an ingest, replacing each even though its content did not change, so the store holds what ingesting
    /// them afresh would give. Documents the store no longer holds are skipped. Once writing has begun it is not cancelled.
    /// </summary>
    /// <returns>One outcome per document written (<see cref="DocumentStatus.Updated"/>, or failed with the reason).</returns>
    /// <exception cref="StoreUnavailableException">The store could not be reached; documents written so far stay written.</exception>
    public async Task<IReadOnlyList<DocumentOutcome>> ReapplyAsync(IEnumerable<string> documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        var outcomes = new List<DocumentOutcome>();
        foreach (var chunk in documentIds.Distinct(StringComparer.Ordinal).Chunk(_options.BatchSize))
        {
            var items = new List<Prepared>(chunk.Length);
            foreach (var documentId in chunk)
            {
                if (await PrepareStoredAsync(documentId, cancellationToken) is { } item)
                {
                    if (item.Outcome is { } failed)
                    {
                        LogIfFailed(failed);
                        outcomes.Add(failed);
                    }
                    else
                    {
                        items.Add(item);
                    }
                }
            }

            if (items.Count > 0)
            {
                await ApplyAsync(items, (outcome, _) =>
                {
                    LogIfFailed(outcome);
                    outcomes.Add(outcome);
                });
            }
        }

        return outcomes;
    }

    // A stored document extracted again and marked to be replaced; null when the store no longer holds it.
    private async Task<Prepared?> PrepareStoredAsync(string documentId, CancellationToken cancellationToken)
    {
        Model.SourceDocument? document;
        try
        {
            document = await store.GetSourceDocumentAsync(documentId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StoreUnavailableException("The graph store could not be read: " + ex.Message, ex);
        }

        if (document is null)
        {
            return null;
        }

        var source = new StoredSource(document.SourceUri);
        var bytes = Encoding.UTF8.GetByteCount(document.Text);
        try
        {
            var batch = await extractor.ExtractAsync(document, cancellationToken);
            return new Prepared(source, batch with { Reapply = true }, null, bytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.ExtractionThrew(source.SourceUri, ex);
            return new Prepared(source, null, DocumentOutcome.Failed(source.SourceUri, document.Id, DocumentErrorCodes.ExtractionFailed, "the extractor failed: " + ex.Message), bytes);
        }
    }

    /// <summary>A document the store already holds, read back from it.</summary>
    private sealed record StoredSource(string SourceUri) : IngestionSource(SourceUri);
}
