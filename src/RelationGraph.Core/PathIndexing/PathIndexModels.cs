using RelationGraph.Core.Model;

namespace RelationGraph.Core.PathIndexing;

/// <summary>An entity as the path index knows it: id and kind only.</summary>
/// <param name="Id">Entity id.</param>
/// <param name="Kind">Entity kind, for the middle-kind filter.</param>
public readonly record struct IndexedEntity(string Id, EntityKind Kind);

/// <summary>A fact edge as the path index knows it: what the filters and the ranking need.</summary>
/// <param name="FactKey">Fact key.</param>
/// <param name="Type">Relation type.</param>
/// <param name="SubjectId">Subject entity id.</param>
/// <param name="ObjectId">Object entity id.</param>
/// <param name="Confidence">Fact confidence, 0–1.</param>
/// <param name="DocCount">Number of documents supporting the fact.</param>
/// <param name="FirstReported">When the fact was first reported, if known.</param>
public readonly record struct IndexedFact(
    string FactKey,
    RelationType Type,
    string SubjectId,
    string ObjectId,
    double Confidence,
    int DocCount,
    DateTimeOffset? FirstReported);

/// <summary>What changed in the graph after one ingest, for an incremental index update.</summary>
/// <param name="UpsertedEntities">Entities added or changed.</param>
/// <param name="RemovedEntityIds">Entities deleted.</param>
/// <param name="UpsertedFacts">Facts added or whose totals changed.</param>
/// <param name="RemovedFactKeys">Facts deleted.</param>
public sealed record PathIndexDelta(
    IReadOnlyList<IndexedEntity> UpsertedEntities,
    IReadOnlyList<string> RemovedEntityIds,
    IReadOnlyList<IndexedFact> UpsertedFacts,
    IReadOnlyList<string> RemovedFactKeys)
{
    /// <summary>True when nothing changed.</summary>
    public bool IsEmpty => UpsertedEntities.Count == 0 && RemovedEntityIds.Count == 0 && UpsertedFacts.Count == 0 && RemovedFactKeys.Count == 0;
}

/// <summary>One hop of a path found in the index, before details are resolved.</summary>
/// <param name="FactKey">The fact walked.</param>
/// <param name="Forward">True when walked subject → object.</param>
public readonly record struct FoundHop(string FactKey, bool Forward);

/// <summary>A path found in the index: entity ids in order and the fact of each hop.</summary>
/// <param name="NodeIds">Entity ids, start first.</param>
/// <param name="Hops">One hop per consecutive pair of nodes.</param>
public sealed record FoundPath(IReadOnlyList<string> NodeIds, IReadOnlyList<FoundHop> Hops);

/// <summary>Paths found in the index, ranked, and whether the time limit stopped the search.</summary>
/// <param name="Paths">Paths, shortest first, stronger evidence first among equals.</param>
/// <param name="TimedOut">True when the deadline or cancellation stopped the search early.</param>
public sealed record PathSearchResult(IReadOnlyList<FoundPath> Paths, bool TimedOut);

/// <summary>A fact seen from one of its entities, as the index filters it.</summary>
/// <param name="FactKey">The fact.</param>
/// <param name="NeighbourId">The entity at the other end.</param>
/// <param name="Outgoing">True when the entity asked about is the subject.</param>
public readonly record struct IndexedNeighbour(string FactKey, string NeighbourId, bool Outgoing);
