using Microsoft.Extensions.Logging;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Identity.Judgements;

/// <summary>
/// Makes, revokes and lists users' identity judgements, shared by <c>relgraph entities</c> and <c>/api/judgements</c>.
/// A judgement is checked against the store and the judgements in force, stored, and then the documents it concerns are
/// extracted again from their stored text and written (<see cref="IngestionPipeline.ReapplyAsync"/>), so the store holds
/// what ingesting every document afresh under the judgement would give; revoking does the same without it.
/// </summary>
/// <remarks>
/// The documents a judgement concerns are those of its two entities (and a split's own list). Judgements of this process
/// are made one at a time; a job writing at the same moment in another process applies a new judgement from its next
/// batch, so a document it wrote just before may need <see cref="ReapplyAsync(string, CancellationToken)"/>.
/// </remarks>
public sealed class IdentityJudgements(IGraphStore store, IngestionPipeline pipeline, TimeProvider timeProvider, ILogger<IdentityJudgements> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Every judgement, revoked ones included, oldest first.</summary>
    public Task<IReadOnlyList<IdentityJudgement>> ListAsync(CancellationToken cancellationToken = default) => store.ListJudgementsAsync(cancellationToken);

    /// <summary>One judgement by id, or null.</summary>
    public async Task<IdentityJudgement?> GetAsync(string judgementId, CancellationToken cancellationToken = default) =>
        (await store.ListJudgementsAsync(cancellationToken)).FirstOrDefault(j => j.Id == judgementId?.Trim());

    /// <summary>Checks, stores and applies a judgement. Cancellation is honoured until it is stored, not after.</summary>
    /// <exception cref="StoreUnavailableException">The store could not be written while documents were applied again.</exception>
    public async Task<JudgementOutcome> MakeAsync(JudgementRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Author);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entity = await ResolveAsync(request.Entity, "entity", cancellationToken);
            if (entity.Problem is not null)
            {
                return entity.Problem;
            }

            var current = new IdentityJudgementSet(await store.ListJudgementsAsync(cancellationToken));
            var checkedJudgement = request.Kind == JudgementKind.Split
                ? await SplitAsync(request, entity.Entity!, cancellationToken)
                : await PairAsync(request, entity.Entity!, current, cancellationToken);
            if (checkedJudgement.Problem is not null)
            {
                return checkedJudgement;
            }

            var judgement = checkedJudgement.Judgement!;
            var documents = await ConcernedDocumentsAsync(judgement, cancellationToken);
            await store.AddJudgementAsync(judgement, cancellationToken);
            logger.JudgementMade(judgement.Id, judgement.Kind, judgement.Entity.Id, judgement.Other.Id, judgement.Author, documents.Count);
            return new JudgementOutcome(judgement, null) { Documents = await pipeline.ReapplyAsync(documents, CancellationToken.None) };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Revokes an active judgement (its record stays) and applies the documents it concerned without it.</summary>
    /// <exception cref="StoreUnavailableException">The store could not be written while documents were applied again.</exception>
    public async Task<JudgementOutcome> RevokeAsync(string judgementId, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgementId);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var judgement = await GetAsync(judgementId, cancellationToken);
            if (judgement is null)
            {
                return JudgementOutcome.Fail(JudgementProblemKind.NotFound, "id", $"No judgement has the id '{judgementId}'.");
            }

            if (!judgement.IsActive)
            {
                return JudgementOutcome.Fail(JudgementProblemKind.Conflict, "id",
                    $"Judgement {judgement.Id} was revoked already, at {judgement.RevokedAt:O} by {judgement.RevokedBy}.");
            }

            var documents = await ConcernedDocumentsAsync(judgement, cancellationToken);
            var revokedAt = timeProvider.GetUtcNow();
            if (!await store.RevokeJudgementAsync(judgement.Id, revokedAt, author, cancellationToken))
            {
                return JudgementOutcome.Fail(JudgementProblemKind.Conflict, "id", $"Judgement {judgement.Id} was revoked meanwhile.");
            }

            logger.JudgementRevoked(judgement.Id, author, documents.Count);
            return new JudgementOutcome(judgement with { RevokedAt = revokedAt, RevokedBy = author }, null)
            {
                Documents = await pipeline.ReapplyAsync(documents, CancellationToken.None),
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Applies the documents a judgement concerns again under the judgements in force: what converges the store after a
    /// run that stopped while doing so, or after another process wrote one of them with the judgements it had read earlier.
    /// </summary>
    public async Task<JudgementOutcome> ReapplyAsync(string judgementId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgementId);
        var judgement = await GetAsync(judgementId, cancellationToken);
        if (judgement is null)
        {
            return JudgementOutcome.Fail(JudgementProblemKind.NotFound, "id", $"No judgement has the id '{judgementId}'.");
        }

        var documents = await ConcernedDocumentsAsync(judgement, cancellationToken);
        return new JudgementOutcome(judgement, null) { Documents = await pipeline.ReapplyAsync(documents, cancellationToken) };
    }

    /// <summary>
    /// Stores judgements listed by another store (<c>relgraph entities list --json</c>, <c>GET /api/judgements</c>), those
    /// not held yet, keeping their ids, authors, times and revocations, and applies the documents they concern: what
    /// carries a store's judgements to one rebuilt from the same documents.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store could not be written while documents were applied again.</exception>
    public async Task<JudgementImport> ImportAsync(IReadOnlyList<IdentityJudgement> judgements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var added = new List<IdentityJudgement>();
            foreach (var judgement in judgements.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal))
            {
                if (await store.AddJudgementAsync(judgement with { RevokedAt = null, RevokedBy = null }, cancellationToken))
                {
                    added.Add(judgement);
                    if (judgement.RevokedAt is { } revokedAt)
                    {
                        await store.RevokeJudgementAsync(judgement.Id, revokedAt, judgement.RevokedBy ?? judgement.Author, cancellationToken);
                    }
                }
            }

            var documents = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var judgement in added)
            {
                documents.UnionWith(await ConcernedDocumentsAsync(judgement, cancellationToken));
            }

            return new JudgementImport(added.Count, judgements.Count - added.Count, await pipeline.ReapplyAsync(documents, CancellationToken.None));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the gate that orders this process's judgements.</summary>
    public void Dispose() => _gate.Dispose();

    // merge and distinct name two entities that exist now
    private async Task<JudgementOutcome> PairAsync(JudgementRequest request, EntitySummary entity, IdentityJudgementSet current, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(request.Other, "other", cancellationToken);
        if (resolved.Problem is not null)
        {
            return resolved.Problem;
        }

        var other = resolved.Entity!;
        var verb = request.Kind == JudgementKind.Merge ? "merged into" : "marked distinct from";
        if (other.Id == entity.Id)
        {
            return JudgementOutcome.Fail(JudgementProblemKind.Invalid, "other", $"'{request.Other}' is {Describe(entity)} itself: an entity cannot be {verb} itself.");
        }

        if (current.DistinctBy(entity.Id, other.Id) is { } distinct)
        {
            return JudgementOutcome.Fail(JudgementProblemKind.Conflict, "other", request.Kind == JudgementKind.Merge
                ? $"{Describe(entity)} and {Describe(other)} were judged different by {distinct.Id} ({distinct.Author}); revoke it first."
                : $"{Describe(entity)} and {Describe(other)} are already judged different by {distinct.Id} ({distinct.Author}).");
        }

        return new JudgementOutcome(IdentityJudgement.Create(request.Kind, Judged(entity), Judged(other), [], request.Author, timeProvider.GetUtcNow(), request.Reason), null);
    }

    private async Task<JudgementOutcome> SplitAsync(JudgementRequest request, EntitySummary entity, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (NameKey.Normalise(name).Length == 0)
        {
            return JudgementOutcome.Fail(JudgementProblemKind.Invalid, "name", "A split needs the name of the entity the mentions become.");
        }

        var kind = request.NewKind ?? entity.Kind;
        var newId = StableId.Entity(kind, name);
        if (newId == entity.Id)
        {
            return JudgementOutcome.Fail(JudgementProblemKind.Invalid, "name", $"'{name}' ({kind}) is {Describe(entity)} itself: give the split-off entity another name or kind.");
        }

        var documents = request.Documents.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (documents.Count == 0)
        {
            return JudgementOutcome.Fail(JudgementProblemKind.Invalid, "documents", "A split needs the ids of the documents whose mentions are someone else.");
        }

        var mentioning = (await store.GetEntityDocumentIdsAsync(entity.Id, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var missing = documents.Where(d => !mentioning.Contains(d)).ToList();
        if (missing.Count > 0)
        {
            return JudgementOutcome.Fail(JudgementProblemKind.NotFound, "documents",
                $"{Describe(entity)} does not appear in {string.Join(", ", missing)} (no such document, or it does not mention the entity).");
        }

        return new JudgementOutcome(IdentityJudgement.Create(JudgementKind.Split, Judged(entity), new JudgedEntity(newId, kind, name), documents,
            request.Author, timeProvider.GetUtcNow(), request.Reason), null);
    }

    private async Task<(EntitySummary? Entity, JudgementOutcome? Problem)> ResolveAsync(string? reference, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return (null, JudgementOutcome.Fail(JudgementProblemKind.Invalid, field, $"Name the {field} entity by id or name."));
        }

        var lookup = await store.ResolveAsync(reference, cancellationToken);
        if (lookup.NotFound)
        {
            return (null, JudgementOutcome.Fail(JudgementProblemKind.NotFound, field, $"No entity has the id or name '{reference}'."));
        }

        return lookup.Entity is { } found
            ? (found, null)
            : (null, JudgementOutcome.Fail(JudgementProblemKind.Ambiguous, field, $"'{reference}' names {lookup.Candidates.Count} entities; use one of their ids.", lookup.Candidates));
    }

    // The documents whose graph the judgement changes, made or revoked: those of both its entities, and a split's own.
    private async Task<List<string>> ConcernedDocumentsAsync(IdentityJudgement judgement, CancellationToken cancellationToken)
    {
        var documents = new SortedSet<string>(judgement.Documents, StringComparer.Ordinal);
        documents.UnionWith(await store.GetEntityDocumentIdsAsync(judgement.Entity.Id, cancellationToken));
        documents.UnionWith(await store.GetEntityDocumentIdsAsync(judgement.Other.Id, cancellationToken));
        return [.. documents];
    }

    private static JudgedEntity Judged(EntitySummary entity) => new(entity.Id, entity.Kind, entity.Name);

    private static string Describe(EntitySummary entity) => $"{entity.Name} ({entity.Id})";
}
