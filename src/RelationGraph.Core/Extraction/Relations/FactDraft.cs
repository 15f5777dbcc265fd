using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Relations;

/// <summary>
/// A fact found in one document: two entity indexes, its evidence span (UTF-16) and how sure the pattern is.
/// Citation markers are read from the sentences the span touches when the batch is built.
/// </summary>
internal sealed record FactDraft(RelationType Type, int Subject, int Object, int EvidenceStart, int EvidenceEnd, double Confidence, int Sentence)
{
    /// <summary>The rule or model that found the fact ("appositive-title-of-org"); recorded on its evidence as extractor/rule.</summary>
    public string? Rule { get; init; }
}
