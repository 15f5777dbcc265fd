using System.Text.Json.Serialization;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Storage;

/// <summary>What decides whether a document needs re-extraction.</summary>
public sealed record StoredDocumentState(string DocumentId, string ContentHash, string ExtractorVersion);

/// <summary>How applying one document went.</summary>
public enum ApplyOutcome
{
    /// <summary>New document.</summary>
    Added,

    /// <summary>Changed document: its own provenance was replaced.</summary>
    Updated,

    /// <summary>Same content and extractor version: nothing written.</summary>
    Unchanged,

    /// <summary>Removed document: its own provenance went with it (<see cref="IGraphStore.RemoveDocumentAsync"/>).</summary>
    Removed,

    /// <summary>The document was not written (invalid, or refused by the store); what the store held of it is unchanged. See <see cref="ApplyResult.Error"/>.</summary>
    Failed,
}

/// <summary>Per-document result of <see cref="IGraphStore.ApplyAsync"/> or <see cref="IGraphStore.RemoveDocumentAsync"/>, with what changed.</summary>
public sealed record ApplyResult(string DocumentId, ApplyOutcome Outcome, ChangeCounts Entities, ChangeCounts Facts, ChangeCounts Evidence)
{
    /// <summary>Why the document was not written, when <see cref="Outcome"/> is <see cref="ApplyOutcome.Failed"/>; null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>A document that was not written, and why.</summary>
    public static ApplyResult Failed(string documentId, string error) =>
        new(documentId, ApplyOutcome.Failed, ChangeCounts.None, ChangeCounts.None, ChangeCounts.None) { Error = error };
}

/// <summary>Added / updated / removed counts for one kind of record.</summary>
public readonly record struct ChangeCounts(int Added, int Updated, int Removed)
{
    /// <summary>No change.</summary>
    public static ChangeCounts None => default;

    /// <summary>Sum of two counts.</summary>
    public static ChangeCounts operator +(ChangeCounts a, ChangeCounts b) =>
        new(a.Added + b.Added, a.Updated + b.Updated, a.Removed + b.Removed);

    /// <summary>Sum of two counts (named alternative to <c>+</c>).</summary>
    public static ChangeCounts Add(ChangeCounts left, ChangeCounts right) => left + right;
}

/// <summary>An entity search: text, optional kind, page size.</summary>
public sealed record EntitySearch(string Query, EntityKind? Kind = null, int Limit = 20);

/// <summary>An entity as lists show it.</summary>
public sealed record EntitySummary(string Id, EntityKind Kind, string Name, IReadOnlyList<string> Aliases, int MentionCount, int DocCount);

/// <summary>An entity with its attributes and facts.</summary>
public sealed record EntityDetail(
    EntitySummary Entity,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    decimal? Amount,
    string? Currency,
    int? Year,
    string? Status,
    IReadOnlyList<FactSummary> Facts);

/// <summary>A fact edge with its totals over all evidence.</summary>
public sealed record FactSummary(
    string FactKey,
    RelationType Type,
    string SubjectId,
    string ObjectId,
    double Confidence,
    int EvidenceCount,
    int DocCount,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    string? SampleQuote,
    IReadOnlyList<string> Extractors);

/// <summary>One piece of evidence as answers show it: quote, document, span, citations.</summary>
public sealed record EvidenceView(
    string Id,
    string FactKey,
    string DocumentId,
    string? DocumentTitle,
    string SourceUri,
    int Start,
    int End,
    string Quote,
    IReadOnlyList<string> Citations,
    string Extractor,
    double Confidence)
{
    /// <summary>When the quoted document was published, where known; evidence pages set it, path answers leave it out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DocumentPublishedAt { get; init; }
}

/// <summary>A page of evidence behind one fact.</summary>
public sealed record EvidencePage(FactSummary Fact, int Total, int Offset, IReadOnlyList<EvidenceView> Items);

/// <summary>A fact seen from one of its entities.</summary>
public sealed record Neighbour(EntitySummary Entity, FactSummary Fact, bool Outgoing);

/// <summary>A document as lists show it.</summary>
public sealed record DocumentSummary(
    string Id,
    string SourceUri,
    string? Title,
    string? Publisher,
    DateTimeOffset? PublishedAt,
    DateTimeOffset IngestedAt,
    string ContentHash,
    string ExtractorVersion,
    int Length);

/// <summary>A document with its stored text and counts of what it contributed.</summary>
public sealed record DocumentDetail(DocumentSummary Document, string Text, int MentionCount, int EvidenceCount);

/// <summary>Sizes of the graph.</summary>
public sealed record GraphCounts(long Documents, long Entities, long Facts, long Mentions, long Evidence);

/// <summary>One record of a graph export: exactly one property is set.</summary>
public sealed record GraphExportItem
{
    /// <summary>A document (text included).</summary>
    public DocumentDetail? Document { get; init; }

    /// <summary>An entity.</summary>
    public EntityDetail? Entity { get; init; }

    /// <summary>A fact.</summary>
    public FactSummary? Fact { get; init; }

    /// <summary>A mention.</summary>
    public MentionRecord? Mention { get; init; }

    /// <summary>An evidence record.</summary>
    public EvidenceView? Evidence { get; init; }

    /// <summary>An identity judgement (active or revoked), so a store rebuilt from the export applies it again.</summary>
    public IdentityJudgement? Judgement { get; init; }
}
