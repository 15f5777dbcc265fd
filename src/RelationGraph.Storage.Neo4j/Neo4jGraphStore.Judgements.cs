using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

// Identity judgements as (:Judgement) nodes, and what applying them again reads: a document as it was ingested, and the
// documents an entity appears in. Each write is one idempotent statement, retried whole like the reads.
public sealed partial class Neo4jGraphStore
{
    /// <inheritdoc />
    public async Task<SourceDocument?> GetSourceDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var result = await ReadAsync(CypherStatements.DocumentSource, new Dictionary<string, object?> { ["docId"] = documentId }, cancellationToken);
        if (result.Records.Count == 0)
        {
            return null;
        }

        var r = result.Records[0];
        return new SourceDocument
        {
            Id = r.String("id"),
            SourceUri = r.StringOrNull("sourceUri") ?? "",
            Title = r.StringOrNull("title"),
            Publisher = r.StringOrNull("publisher"),
            Author = r.StringOrNull("author"),
            PublishedAt = r.Time("publishedAt"),
            MediaType = r.StringOrNull("mediaType") ?? "text/plain",
            Text = r.StringOrNull("text") ?? "",
            ContentHash = r.StringOrNull("contentHash") ?? "",
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetEntityDocumentIdsAsync(string entityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var result = await ReadAsync(CypherStatements.EntityDocumentIds, new Dictionary<string, object?> { ["entityId"] = entityId }, cancellationToken);
        return [.. result.Records.Select(r => r.String("docId"))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdentityJudgement>> ListJudgementsAsync(CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(CypherStatements.JudgementsList, null, cancellationToken);
        return [.. result.Records.Select(JudgementRows.Judgement)];
    }

    /// <inheritdoc />
    public async Task<bool> AddJudgementAsync(IdentityJudgement judgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        var result = await WriteAsync(CypherStatements.JudgementCreate, new Dictionary<string, object?>
        {
            ["id"] = judgement.Id,
            ["props"] = JudgementRows.Props(judgement),
        }, cancellationToken);
        return result.Records.Count > 0 && result.Records[0]["created"].GetBoolean();
    }

    /// <inheritdoc />
    public async Task<bool> RevokeJudgementAsync(string judgementId, DateTimeOffset revokedAt, string revokedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgementId);
        ArgumentException.ThrowIfNullOrWhiteSpace(revokedBy);
        var result = await WriteAsync(CypherStatements.JudgementRevoke, new Dictionary<string, object?>
        {
            ["id"] = judgementId,
            ["revokedAt"] = Values.Time(revokedAt),
            ["revokedBy"] = revokedBy,
        }, cancellationToken);
        return result.Records.Count > 0;
    }
}
