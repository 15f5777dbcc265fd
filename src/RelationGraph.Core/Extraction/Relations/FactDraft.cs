using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Relations;

/// <summary>A fact found in one document: two entity indexes, its evidence span (UTF-16) and how sure the pattern is.</summary>
internal sealed record FactDraft(RelationType Type, int Subject, int Object, int EvidenceStart, int EvidenceEnd, IReadOnlyList<string> Citations, double Confidence, int Sentence);
