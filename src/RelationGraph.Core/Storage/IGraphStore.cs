using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;

namespace RelationGraph.Core.Storage;

/// <summary>
/// The storage port: the verbs our features need. SQLite (embedded default) and Neo4j (HTTP Query API)
/// implement it, and both pass the same contract tests.
/// </summary>
/// <remarks>Implementations must be safe to use from concurrent requests; writes may be serialised.</remarks>
public interface IGraphStore
{
    /// <summary>Creates the schema if missing. Idempotent; hosts call it once at start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>What the store holds of a document, to skip unchanged ones; null when unknown.</summary>
    Task<StoredDocumentState?> GetDocumentStateAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies documents, each all-or-nothing (a store may commit a whole call at once): a new document is added; a changed one replaces
    /// its own mentions and evidence, fact totals are recomputed, and facts and entities nothing supports
    /// any more are removed; an unchanged one (same hash and extractor version) is left alone.
    /// </summary>
    /// <returns>
    /// One result per document, in order. A document that breaks <see cref="BatchValidation"/> or that the store refuses
    /// is <see cref="ApplyOutcome.Failed"/> and changes nothing; the others of the call are written all the same.
    /// </returns>
    /// <exception cref="Exception">Only when the store itself cannot be reached or written (the type is the store's own);
    /// documents of the call may then be written or not, and applying them again converges.</exception>
    Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<DocumentGraph> batches, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a document with its own mentions and evidence, all-or-nothing, as if it had never been applied: the totals of
    /// the facts and entities it supported are recomputed from what remains, and those nothing supports any more are removed.
    /// Returns null when the store does not hold the document (nothing is changed).
    /// </summary>
    Task<ApplyResult?> RemoveDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entities whose name, an alias or the loose form of either matches <paramref name="query"/> (<see cref="NameQuery"/>):
    /// exact first, then prefix, then contains (queries of <see cref="NameQuery.MinContainsLength"/> characters or more);
    /// then most documents, most mentions, name and id.
    /// </summary>
    Task<IReadOnlyList<EntitySummary>> SearchEntitiesAsync(EntitySearch query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entities a name someone typed or a document printed means, most documented first: those whose normalised name
    /// or alias equals it; when none, those with its loose form (titles, middle initials, diacritics and case aside:
    /// <see cref="NameQuery.LookupTiers"/>); when none, the people whose family name it is.
    /// </summary>
    Task<IReadOnlyList<EntitySummary>> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// One quote per entity that tells it from others of the same name (the candidates of an ambiguous name show it): the
    /// sample quote of its strongest fact (most documents, then confidence, then fact key), else the sentence of its first
    /// mention in the document that mentions it most (<see cref="MentionSentence"/>). Unknown entities and those with
    /// neither are left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> GetEntityQuotesAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// People and organisations indexed under any of <paramref name="keys"/> (<see cref="Identity.IdentityKeys"/>): the
    /// candidates a document's entities may be joined to across documents.
    /// </summary>
    Task<IReadOnlyList<EntitySummary>> FindIdentityCandidatesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>One entity with its facts, or null.</summary>
    Task<EntityDetail?> GetEntityAsync(string entityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One entity without its facts, or null: what resolving a path query's ends needs. Stores override it when
    /// reading an entity's facts (all of them, for a hub) costs more than the entity alone.
    /// </summary>
    async Task<EntitySummary?> GetEntitySummaryAsync(string entityId, CancellationToken cancellationToken = default) =>
        (await GetEntityAsync(entityId, cancellationToken))?.Entity;

    /// <summary>Paths between two entity ids, with evidence per hop.</summary>
    Task<PathResult> FindPathsAsync(PathRequest request, CancellationToken cancellationToken = default);

    /// <summary>Facts touching an entity, filtered as path searches are, strongest first.</summary>
    Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(string entityId, PathFilter filter, int limit, CancellationToken cancellationToken = default);

    /// <summary>A page of the evidence behind a fact, or null when the fact is unknown.</summary>
    Task<EvidencePage?> GetEvidenceAsync(string factKey, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>Documents, newest ingestion first.</summary>
    Task<IReadOnlyList<DocumentSummary>> ListDocumentsAsync(int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>One document with its text, or null.</summary>
    Task<DocumentDetail?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A document's mentions in text order (offsets in code points, end exclusive, as evidence spans), or null when the
    /// store does not hold the document.
    /// </summary>
    Task<IReadOnlyList<MentionRecord>?> GetDocumentMentionsAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Counts of documents, entities, facts, mentions and evidence.</summary>
    Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the store holds a document or ever held one (all removed since), so a host seeds only a store that never
    /// held any. Stores that do not remember default to holding one now.
    /// </summary>
    async Task<bool> HasEverHeldDocumentsAsync(CancellationToken cancellationToken = default) =>
        (await CountAsync(cancellationToken)).Documents > 0;

    /// <summary>Streams the whole graph (entities, facts, evidence, documents) and every identity judgement for export.</summary>
    IAsyncEnumerable<GraphExportItem> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A stored document as it was ingested (text and metadata), to extract it again when identity decisions about it
    /// change; null when the store does not hold it.
    /// </summary>
    Task<SourceDocument?> GetSourceDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Ids of the documents that mention an entity or hold evidence of its facts, in id order; empty when none (or unknown).</summary>
    Task<IReadOnlyList<string>> GetEntityDocumentIdsAsync(string entityId, CancellationToken cancellationToken = default);

    /// <summary>Every identity judgement, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<IdentityJudgement>> ListJudgementsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a judgement; false, changing nothing, when one with its id is stored already.</summary>
    Task<bool> AddJudgementAsync(IdentityJudgement judgement, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks an active judgement revoked, keeping the record; false when no judgement has the id or it was revoked
    /// already. Safe to retry: a revoke whose answer was lost and that is sent again with the same time answers true.
    /// </summary>
    Task<bool> RevokeJudgementAsync(string judgementId, DateTimeOffset revokedAt, string revokedBy, CancellationToken cancellationToken = default);
}
