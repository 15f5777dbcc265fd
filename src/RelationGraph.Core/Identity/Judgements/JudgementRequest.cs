using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Identity.Judgements;

/// <summary>A judgement a user asks for, with entities named as users name them (an id, or a name or alias).</summary>
/// <param name="Kind">Merge, split or distinct.</param>
/// <param name="Entity">Merge: the entity merged away. Split: the entity split. Distinct: the first entity.</param>
/// <param name="Other">Merge: the entity it is merged into. Distinct: the second entity. Split: unused.</param>
/// <param name="Documents">Split: ids of the documents whose mentions of <paramref name="Entity"/> are someone else.</param>
/// <param name="Name">Split: the name of the entity those mentions become.</param>
/// <param name="NewKind">Split: its kind, when not the split entity's own.</param>
/// <param name="Author">Who makes it.</param>
/// <param name="Reason">Why, if said.</param>
public sealed record JudgementRequest(
    JudgementKind Kind,
    string Entity,
    string? Other,
    IReadOnlyList<string> Documents,
    string? Name,
    EntityKind? NewKind,
    string Author,
    string? Reason)
{
    /// <summary>Merge <paramref name="entity"/> into <paramref name="into"/>.</summary>
    public static JudgementRequest Merge(string entity, string into, string author, string? reason = null) =>
        new(JudgementKind.Merge, entity, into, [], null, null, author, reason);

    /// <summary>Split <paramref name="entity"/>'s mentions in <paramref name="documents"/> off as <paramref name="name"/>.</summary>
    public static JudgementRequest Split(string entity, IReadOnlyList<string> documents, string name, string author, string? reason = null, EntityKind? kind = null) =>
        new(JudgementKind.Split, entity, null, documents, name, kind, author, reason);

    /// <summary>Mark <paramref name="entity"/> and <paramref name="other"/> different.</summary>
    public static JudgementRequest Distinct(string entity, string other, string author, string? reason = null) =>
        new(JudgementKind.Distinct, entity, other, [], null, null, author, reason);
}

/// <summary>Why a judgement was not made or revoked.</summary>
public enum JudgementProblemKind
{
    /// <summary>An entity, document or judgement named is not in the store.</summary>
    NotFound,

    /// <summary>A name means several entities; <see cref="JudgementProblem.Candidates"/> lists them.</summary>
    Ambiguous,

    /// <summary>The judgement contradicts one in force (a merge of entities marked distinct), repeats one, or is revoked already.</summary>
    Conflict,

    /// <summary>The request itself does not make sense (an entity merged into itself, a split without documents).</summary>
    Invalid,
}

/// <summary>Why a judgement was not made or revoked, naming the request field at fault.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Field">The request field at fault: entity, other, documents, name or id.</param>
/// <param name="Message">A readable reason.</param>
public sealed record JudgementProblem(JudgementProblemKind Kind, string Field, string Message)
{
    /// <summary>The entities an ambiguous name could mean.</summary>
    public IReadOnlyList<EntitySummary> Candidates { get; init; } = [];
}

/// <summary>A judgement made or revoked, with the documents applied again; or the problem that stopped it.</summary>
/// <param name="Judgement">The judgement as stored (revoked ones with their revocation); null on a problem.</param>
/// <param name="Problem">Why nothing was done; null on success.</param>
public sealed record JudgementOutcome(IdentityJudgement? Judgement, JudgementProblem? Problem)
{
    /// <summary>The documents written again so the store reflects the change (one outcome each).</summary>
    public IReadOnlyList<DocumentOutcome> Documents { get; init; } = [];

    /// <summary>A problem, nothing done.</summary>
    public static JudgementOutcome Fail(JudgementProblemKind kind, string field, string message, IReadOnlyList<EntitySummary>? candidates = null) =>
        new(null, new JudgementProblem(kind, field, message) { Candidates = candidates ?? [] });
}

/// <summary>What importing judgements did.</summary>
/// <param name="Added">Judgements stored.</param>
/// <param name="AlreadyHeld">Judgements the store held already (same id), left as they were.</param>
/// <param name="Documents">The documents the added judgements concern, each applied again.</param>
public sealed record JudgementImport(int Added, int AlreadyHeld, IReadOnlyList<DocumentOutcome> Documents);
