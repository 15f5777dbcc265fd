using System.Text.Json.Serialization;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Identity.Judgements;

/// <summary>What a user judged about the identity of entities.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JudgementKind>))]
public enum JudgementKind
{
    /// <summary>Two entities are one: <see cref="IdentityJudgement.Entity"/> becomes <see cref="IdentityJudgement.Other"/>.</summary>
    [JsonStringEnumMemberName("merge")] Merge,

    /// <summary>
    /// An entity's mentions in some documents are someone else: in <see cref="IdentityJudgement.Documents"/>,
    /// <see cref="IdentityJudgement.Entity"/> becomes the new entity <see cref="IdentityJudgement.Other"/>.
    /// </summary>
    [JsonStringEnumMemberName("split")] Split,

    /// <summary>Two entities are different: no identity decision may join them.</summary>
    [JsonStringEnumMemberName("distinct")] Distinct,
}

/// <summary>An entity as a judgement names it: its id, and its kind and name when the judgement was made.</summary>
/// <param name="Id">Entity id.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Name">Its canonical name.</param>
public sealed record JudgedEntity(string Id, EntityKind Kind, string Name);

/// <summary>
/// A user's correction of entity identity (merge, split or distinct), kept with who made it, when and why. Every
/// later ingest applies the active ones (<see cref="IdentityJudgementSet"/>); revoking one keeps the record.
/// </summary>
public sealed record IdentityJudgement
{
    /// <summary>Stable id, <c>jdg_</c> and 16 hex digits (<see cref="StableId.Judgement"/>).</summary>
    public required string Id { get; init; }

    /// <summary>Merge, split or distinct.</summary>
    public required JudgementKind Kind { get; init; }

    /// <summary>Merge: the entity merged away. Split: the entity split. Distinct: the first of the two.</summary>
    public required JudgedEntity Entity { get; init; }

    /// <summary>Merge: the entity it is merged into. Split: the new entity (kind and name the user gave). Distinct: the second.</summary>
    public required JudgedEntity Other { get; init; }

    /// <summary>Split: the documents whose mentions of <see cref="Entity"/> become <see cref="Other"/>; empty otherwise.</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>Who made it: the API key's owner, or the CLI's <c>--by</c> (the OS user by default).</summary>
    public required string Author { get; init; }

    /// <summary>When it was made (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Why, in the author's words, if given.</summary>
    public string? Reason { get; init; }

    /// <summary>When it was revoked; null while it is active.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Who revoked it.</summary>
    public string? RevokedBy { get; init; }

    /// <summary>True until revoked.</summary>
    [JsonIgnore]
    public bool IsActive => RevokedAt is null;

    /// <summary>A new judgement, its id derived from what it says, who made it and when.</summary>
    public static IdentityJudgement Create(JudgementKind kind, JudgedEntity entity, JudgedEntity other, IReadOnlyList<string> documents,
        string author, DateTimeOffset createdAt, string? reason)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var at = createdAt.ToUniversalTime();
        return new IdentityJudgement
        {
            Id = StableId.Judgement(KindName(kind), entity.Id, other.Id, documents, author, at),
            Kind = kind,
            Entity = entity,
            Other = other,
            Documents = documents,
            Author = author,
            CreatedAt = at,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
    }

    /// <summary>The kind as stores and the wire write it: <c>merge</c>, <c>split</c>, <c>distinct</c>.</summary>
    public static string KindName(JudgementKind kind) => kind switch
    {
        JudgementKind.Merge => "merge",
        JudgementKind.Split => "split",
        JudgementKind.Distinct => "distinct",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses <c>merge</c>, <c>split</c> or <c>distinct</c> (any case).</summary>
    public static bool TryParseKind(string? value, out JudgementKind kind)
    {
        foreach (var candidate in Enum.GetValues<JudgementKind>())
        {
            if (string.Equals(value?.Trim(), KindName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
