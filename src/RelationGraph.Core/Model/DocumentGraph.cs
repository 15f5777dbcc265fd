namespace RelationGraph.Core.Model;

/// <summary>A domain node found in one document. The same id from two documents is the same entity.</summary>
/// <param name="Id">Stable id, see <see cref="StableId.Entity"/>.</param>
/// <param name="Kind">Person, Organisation, Contract or Investigation.</param>
/// <param name="Name">Canonical name (the fullest form in the text, or a descriptive label).</param>
/// <param name="Aliases">Other surface forms seen in the text, verbatim.</param>
public sealed record ExtractedEntity(string Id, EntityKind Kind, string Name, IReadOnlyList<string> Aliases)
{
    /// <summary>Contract value, when the text gives one.</summary>
    public decimal? Amount { get; init; }

    /// <summary>ISO 4217 currency of <see cref="Amount"/>, e.g. <c>USD</c>.</summary>
    public string? Currency { get; init; }

    /// <summary>Year of a contract or investigation, when the text gives one.</summary>
    public int? Year { get; init; }

    /// <summary>Investigation status as the text gives it (requested, launched, closed), if any.</summary>
    public string? Status { get; init; }
}

/// <summary>One place in a document's text that names an entity. Offsets are code points, end exclusive.</summary>
public sealed record MentionRecord(string Id, string DocumentId, string EntityId, int Start, int End, string Text, int SentenceIndex);

/// <summary>A typed edge between two entities, identified by its fact key.</summary>
public sealed record FactRecord(string FactKey, RelationType Type, string SubjectId, string ObjectId)
{
    /// <summary>
    /// The fact with a symmetric type's two ids in key order (as <see cref="StableId.Fact"/> orders them), so the
    /// stored graph does not depend on which document wrote a symmetric fact first. Directed facts are unchanged.
    /// </summary>
    public FactRecord InKeyOrder() =>
        Type.IsSymmetric() && string.CompareOrdinal(SubjectId, ObjectId) > 0 ? this with { SubjectId = ObjectId, ObjectId = SubjectId } : this;
}

/// <summary>
/// Why a fact is believed: the quote in one document that states it, with citation markers, the
/// extractor that read it and how sure it was.
/// </summary>
public sealed record EvidenceRecord(
    string Id,
    string FactKey,
    string DocumentId,
    int Start,
    int End,
    string Quote,
    IReadOnlyList<string> Citations,
    string Extractor,
    double Confidence);

/// <summary>
/// Everything one document contributes to the graph; a store applies it in one transaction. Whoever builds one puts
/// symmetric facts in key order (<see cref="FactRecord.InKeyOrder"/>); stores check it with the rest of
/// <see cref="Storage.BatchValidation"/>.
/// </summary>
public sealed record DocumentGraph(
    SourceDocument Document,
    string ExtractorVersion,
    IReadOnlyList<ExtractedEntity> Entities,
    IReadOnlyList<MentionRecord> Mentions,
    IReadOnlyList<FactRecord> Facts,
    IReadOnlyList<EvidenceRecord> Evidence)
{
    /// <summary>
    /// Number of characters at the start of the text that were extracted, when the extractor stopped before the end
    /// (a size cut); null when the whole text was read. Ingestion reports such a document as <c>truncated</c>.
    /// </summary>
    public int? ExtractedLength { get; init; }

    /// <summary>
    /// True when the document is applied again because identity decisions about it changed (a judgement made or
    /// revoked): a store then replaces it even when it holds the same content from the same extractor version.
    /// </summary>
    public bool Reapply { get; init; }
}
