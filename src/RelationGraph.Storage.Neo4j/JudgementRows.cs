using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

/// <summary>
/// An identity judgement as a <c>:Judgement</c> node's properties, the same in the store and in both exports, so a
/// database loaded from an export holds the judgements the store held.
/// </summary>
internal static class JudgementRows
{
    /// <summary>The properties besides <c>id</c>; a revoked judgement's revocation included.</summary>
    public static Dictionary<string, object?> Props(IdentityJudgement judgement)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        return new Dictionary<string, object?>
        {
            ["kind"] = IdentityJudgement.KindName(judgement.Kind),
            ["entityId"] = judgement.Entity.Id,
            ["entityKind"] = judgement.Entity.Kind.ToString(),
            ["entityName"] = judgement.Entity.Name,
            ["otherId"] = judgement.Other.Id,
            ["otherKind"] = judgement.Other.Kind.ToString(),
            ["otherName"] = judgement.Other.Name,
            ["documents"] = judgement.Documents.ToArray(),
            ["author"] = judgement.Author,
            ["createdAt"] = Values.Time(judgement.CreatedAt),
            ["reason"] = judgement.Reason,
            ["revokedAt"] = Values.Time(judgement.RevokedAt),
            ["revokedBy"] = judgement.RevokedBy,
        };
    }

    /// <summary>A row of judgements-list.</summary>
    public static IdentityJudgement Judgement(QueryRecord r) => new()
    {
        Id = r.String("id"),
        Kind = IdentityJudgement.TryParseKind(r.StringOrNull("kind"), out var kind) ? kind : throw new InvalidDataException($"Unknown judgement kind '{r.StringOrNull("kind")}' in Neo4j."),
        Entity = new JudgedEntity(r.String("entityId"), Neo4jMapping.Kind(r.StringOrNull("entityKind")), r.StringOrNull("entityName") ?? ""),
        Other = new JudgedEntity(r.String("otherId"), Neo4jMapping.Kind(r.StringOrNull("otherKind")), r.StringOrNull("otherName") ?? ""),
        Documents = r.Strings("documents"),
        Author = r.StringOrNull("author") ?? "",
        CreatedAt = r.Time("createdAt") ?? DateTimeOffset.MinValue,
        Reason = r.StringOrNull("reason"),
        RevokedAt = r.Time("revokedAt"),
        RevokedBy = r.StringOrNull("revokedBy"),
    };
}
