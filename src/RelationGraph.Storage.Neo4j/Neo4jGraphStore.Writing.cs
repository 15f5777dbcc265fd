using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

// The write path: each document applied, or removed, in one transaction of its own under the write lock, retried whole
// on transient failures. Totals are running totals, adjusted inside Neo4j by the document's own contribution: a stored
// version's comes out before its provenance is deleted, the new version's goes in after it is written.
public sealed partial class Neo4jGraphStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Each document is written in its own transaction. A statement Neo4j refuses (<see cref="Neo4jFailure.Query"/>) fails
    /// that document alone; a server that cannot be reached or refuses the credentials throws its <see cref="Neo4jException"/>.
    /// </remarks>
    public async Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<DocumentGraph> batches, CancellationToken cancellationToken = default)
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

    private async Task<ApplyResult> ApplyOneAsync(DocumentGraph batch, CancellationToken cancellationToken)
    {
        if (BatchValidation.FindProblem(batch) is { } problem)
        {
            return ApplyResult.Failed(batch.Document?.Id ?? "", "the batch is invalid: " + problem);
        }

        var state = await GetDocumentStateAsync(batch.Document.Id, cancellationToken);
        if (state is not null && !batch.Reapply && state.ContentHash == batch.Document.ContentHash && state.ExtractorVersion == batch.ExtractorVersion)
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

    private async Task<ApplyResult> ApplyDocumentAsync(DocumentGraph batch, CancellationToken cancellationToken)
    {
        var docId = batch.Document.Id;
        var byDoc = new Dictionary<string, object?> { ["docId"] = docId };
        await using var tx = await _client.BeginAsync(cancellationToken);

        // asked again inside the transaction: a retry after a commit whose answer was lost must see the document
        var existed = (await tx.RunAsync(CypherStatements.DocumentState, byDoc, cancellationToken)).Records.Count > 0;
        var (oldEvidence, touchedFacts, touchedEntities) = existed ? await TakeOutAsync(tx, byDoc, cancellationToken) : Provenance.Empty();

        await tx.RunAsync(CypherStatements.DocumentMerge, new Dictionary<string, object?>
        {
            ["docId"] = docId,
            ["props"] = BatchRows.Document(batch, _time.GetUtcNow()),
        }, cancellationToken);
        var createdEntities = await CreatedAsync(tx, CypherStatements.EntitiesMerge, BatchRows.Entities(batch), "id", cancellationToken);
        await RunRowsAsync(tx, CypherStatements.MentionsCreate, docId, BatchRows.Mentions(batch), cancellationToken);
        var createdFacts = await CreatedAsync(tx, CypherStatements.FactsMerge, BatchRows.Facts(batch), "factKey", cancellationToken);
        await RunRowsAsync(tx, CypherStatements.EvidenceCreate, docId, BatchRows.Evidence(batch), cancellationToken);
        if (batch.Evidence.Count > 0)
        {
            await tx.RunAsync(CypherStatements.FactsAdd, byDoc, cancellationToken);
        }

        if (batch.Mentions.Count > 0)
        {
            await tx.RunAsync(CypherStatements.EntitiesAdd, byDoc, cancellationToken);
        }

        foreach (var fact in batch.Facts)
        {
            touchedFacts[fact.FactKey] = (fact.SubjectId, fact.ObjectId);
        }

        touchedEntities.UnionWith(batch.Entities.Select(e => e.Id));
        touchedEntities.UnionWith(touchedFacts.Values.SelectMany(f => new[] { f.Subject, f.Object }));

        var removedFacts = await PruneFactsAsync(tx, touchedFacts, cancellationToken);
        var removedEntities = await SettleEntitiesAsync(tx, touchedEntities, cancellationToken);
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

        var (oldEvidence, touchedFacts, touchedEntities) = await TakeOutAsync(tx, byDoc, cancellationToken);
        await tx.RunAsync(CypherStatements.DocumentDelete, byDoc, cancellationToken);
        var removedFacts = await PruneFactsAsync(tx, touchedFacts, cancellationToken);
        var removedEntities = await SettleEntitiesAsync(tx, touchedEntities, cancellationToken);
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

    // Takes a stored document's contribution out of the running totals of the facts and entities it touched, then deletes
    // its mentions and evidence; returns what they touched, for the write's result and the pruning at its end.
    private static async Task<Provenance> TakeOutAsync(QueryTransaction tx, Dictionary<string, object?> byDoc, CancellationToken cancellationToken)
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

        if (provenance.Evidence.Count > 0)
        {
            await tx.RunAsync(CypherStatements.FactsSubtract, byDoc, cancellationToken);
        }

        if (provenance.Entities.Count > 0)
        {
            await tx.RunAsync(CypherStatements.EntitiesSubtract, byDoc, cancellationToken);
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

    // Deletes the facts the write touched that no evidence supports any more (their running count is 0).
    private static async Task<int> PruneFactsAsync(QueryTransaction tx, Dictionary<string, (string Subject, string Object)> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return 0;
        }

        // one lock order for every writer, so two writers touching the same facts wait instead of deadlocking
        var rows = facts.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (object?)new Dictionary<string, object?> { ["factKey"] = f.Key, ["subjectId"] = f.Value.Subject, ["objectId"] = f.Value.Object })
            .ToList();
        var result = await tx.RunAsync(CypherStatements.FactsPrune, new Dictionary<string, object?> { ["rows"] = rows }, cancellationToken);
        return result.Records.Count(r => r["removed"].GetBoolean());
    }

    // Entities the write touched that nothing mentions (any more, or yet) count their documents through their facts'
    // evidence: those few are recounted from it, and deleted when no fact is left either. Mentioned ones are up to date.
    private static async Task<int> SettleEntitiesAsync(QueryTransaction tx, HashSet<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var ordered = ids.Order(StringComparer.Ordinal).ToArray();
        var state = await tx.RunAsync(CypherStatements.EntitiesState, new Dictionary<string, object?> { ["ids"] = ordered }, cancellationToken);
        var unmentioned = state.Records.Where(r => r.Long("mentionCount") == 0).Select(r => r.String("id")).ToArray();
        if (unmentioned.Length == 0)
        {
            return 0;
        }

        var result = await tx.RunAsync(CypherStatements.EntitiesRecount, new Dictionary<string, object?> { ["ids"] = unmentioned }, cancellationToken);
        var unsupported = result.Records.Where(r => r["unsupported"].GetBoolean()).Select(r => r.String("id")).ToList();
        if (unsupported.Count > 0)
        {
            await tx.RunAsync(CypherStatements.EntitiesDelete, new Dictionary<string, object?> { ["ids"] = unsupported }, cancellationToken);
        }

        return unsupported.Count;
    }
}
