using RelationGraph.Core.Model;

namespace RelationGraph.Core.Identity.Judgements;

/// <summary>
/// The active judgements of a store, as identity decisions read them: what each document's entities become
/// (<see cref="Apply"/>), where an entity merged away now lives (<see cref="Resolve"/>), and which entities must never be
/// joined (<see cref="AreDistinct"/>, and for the cross-document identity stage <see cref="KeepApart"/>). Immutable; load a
/// new one to see later judgements.
/// </summary>
/// <remarks>
/// Judgements apply in the order they were made: a merge turns its entity into its target in every document, a split
/// turns it into the new entity in the documents it lists, so an entity merged into one that is later split follows the
/// split, and an entity split off before its old entity was merged elsewhere stays split off. Each entity is followed
/// until nothing changes it any more, so merging into an entity that was itself merged away ends at the last one.
/// </remarks>
public sealed class IdentityJudgementSet
{
    private readonly IdentityJudgement[] _active;

    // entity ids some active merge or split turns into another entity: every other id is left as it is, unread
    private readonly HashSet<string> _moved = new(StringComparer.Ordinal);

    // pairs judged different (distinct, and split: the part split off from its old entity), each end resolved, low id first
    private readonly Dictionary<(string, string), IdentityJudgement> _distinct = [];

    // pairs a revoked merge or split joined: the merged or split-off name stays an alias of the other entity (stores never
    // take an alias away), which alone would lead the identity stage to join them again; resolved, low id first
    private readonly HashSet<(string, string)> _onceJoined = [];

    /// <summary>A set with no judgements: applying it changes nothing.</summary>
    public static IdentityJudgementSet Empty { get; } = new([]);

    /// <summary>The active judgements of <paramref name="judgements"/> (revoked ones are ignored).</summary>
    public IdentityJudgementSet(IEnumerable<IdentityJudgement> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        var all = judgements.ToList();
        _active = [.. all.Where(j => j.IsActive).OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal)];
        foreach (var judgement in _active.Where(j => j.Kind != JudgementKind.Distinct))
        {
            _moved.Add(judgement.Entity.Id);
        }

        foreach (var judgement in _active.Where(j => j.Kind != JudgementKind.Merge))
        {
            if (Pair(Resolve(judgement.Entity.Id), Resolve(judgement.Other.Id)) is { } pair)
            {
                _distinct.TryAdd(pair, judgement);
            }
        }

        foreach (var judgement in all.Where(j => !j.IsActive && j.Kind != JudgementKind.Distinct))
        {
            if (Pair(Resolve(judgement.Entity.Id), Resolve(judgement.Other.Id)) is { } pair)
            {
                _onceJoined.Add(pair);
            }
        }
    }

    /// <summary>The active judgements, oldest first.</summary>
    public IReadOnlyList<IdentityJudgement> Active => _active;

    /// <summary>True when there is nothing to apply.</summary>
    public bool IsEmpty => _active.Length == 0;

    /// <summary>The entity an id stands for in every document: itself, or the entity active merges took it into.</summary>
    public string Resolve(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        return Follow(entityId, documentId: null)?.Id ?? entityId;
    }

    /// <summary>
    /// True when a user judged the two entities different (a distinct judgement, or one split off from the other), each
    /// taken as the entity it now stands for (<see cref="Resolve"/>): an identity decision must then not join them.
    /// </summary>
    public bool AreDistinct(string entityIdA, string entityIdB) => DistinctBy(entityIdA, entityIdB) is not null;

    /// <summary>
    /// What the cross-document identity stage asks before it joins a document's entity to a stored one: true when a user
    /// judged them different (<see cref="AreDistinct"/>), and when a merge or split that joined them was revoked and
    /// nothing joins them now. The revoked judgement left its name as an alias of the other entity, so without this the
    /// stage would join them again by that alias, and revoking would not give back the graph from before the judgement.
    /// </summary>
    public bool KeepApart(string entityIdA, string entityIdB)
    {
        if (AreDistinct(entityIdA, entityIdB))
        {
            return true;
        }

        return _onceJoined.Count > 0 && Pair(Resolve(entityIdA), Resolve(entityIdB)) is { } pair && _onceJoined.Contains(pair);
    }

    /// <summary>The judgement that makes the two entities different, or null (see <see cref="AreDistinct"/>).</summary>
    public IdentityJudgement? DistinctBy(string entityIdA, string entityIdB)
    {
        ArgumentNullException.ThrowIfNull(entityIdA);
        ArgumentNullException.ThrowIfNull(entityIdB);
        return _distinct.Count > 0 && Pair(Resolve(entityIdA), Resolve(entityIdB)) is { } pair ? _distinct.GetValueOrDefault(pair) : null;
    }

    /// <summary>
    /// One document's graph with the judgements applied: each entity that a merge, or a split of this document, turns into
    /// another is rewritten to it (<see cref="DocumentGraphRewriter"/>: its name kept as an alias, mention, fact and
    /// evidence ids derived again). The same graph when no judgement concerns it.
    /// </summary>
    public DocumentGraph Apply(DocumentGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (_moved.Count == 0)
        {
            return graph;
        }

        Dictionary<string, EntityTarget>? targets = null;
        foreach (var entity in graph.Entities)
        {
            if (_moved.Contains(entity.Id) && Follow(entity.Id, graph.Document.Id) is { } target)
            {
                targets ??= new Dictionary<string, EntityTarget>(StringComparer.Ordinal);
                targets[entity.Id] = new EntityTarget(target.Id, target.Kind, target.Name);
            }
        }

        return targets is null ? graph : DocumentGraphRewriter.Rewrite(graph, targets);
    }

    // What the entity becomes in a document (every document: null), or null when it stays itself. Judgements are read in
    // the order they were made, again until a pass changes nothing; a pass that leads back to where it began ends it too,
    // so judgements that go round in a circle settle.
    private JudgedEntity? Follow(string entityId, string? documentId)
    {
        JudgedEntity? current = null;
        var id = entityId;
        for (var pass = 0; pass <= _active.Length; pass++)
        {
            var start = id;
            foreach (var judgement in _active)
            {
                if (judgement.Kind == JudgementKind.Distinct || judgement.Entity.Id != id
                    || (judgement.Kind == JudgementKind.Split && (documentId is null || !judgement.Documents.Contains(documentId, StringComparer.Ordinal))))
                {
                    continue;
                }

                current = judgement.Other;
                id = current.Id;
            }

            if (id == start)
            {
                break;
            }
        }

        return current is null || current.Id == entityId ? null : current;
    }

    private static (string, string)? Pair(string a, string b) => string.CompareOrdinal(a, b) switch
    {
        0 => null,
        < 0 => (a, b),
        _ => (b, a),
    };
}
