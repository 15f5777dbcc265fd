using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Identity;

/// <summary>
/// Joins a document's people and organisations to the ones the store already holds, by evidence rather than by the
/// exact canonical string: the same loose name (middle initials, honorifics, diacritics and case aside) is the same
/// entity when one stored entity has it; a surname-only mention is joined to the one stored person of that family
/// name, and dropped (not made a node) when there is none or several; a name stored under the other kind keeps that
/// kind, so one name is not a Person in one document and an Organisation in the next.
/// </summary>
/// <remarks>
/// Runs in the pipeline's single writer just before the store write, on a whole batch: one store query for the batch's
/// keys, then each document in order, so a document sees the ones before it in the same batch.
/// </remarks>
public sealed class CrossDocumentIdentity(IGraphStore store)
{
    /// <summary>Particles that start a family name ("de Groot", "van der Berg", "al-Rashid"), in key form.</summary>
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "de", "van", "der", "den", "von", "da", "di", "du", "del", "della", "la", "le", "al", "el", "bin", "ibn", "o", "mac", "st", "ter", "dos", "das",
    };

    /// <summary>The batch's graphs with each one's entities joined to stored ones.</summary>
    /// <param name="graphs">One graph per document, in the order they will be written.</param>
    /// <param name="areDistinct">Whether a user marked two entity ids as different things; such a pair is never joined.</param>
    /// <param name="cancellationToken">Stops the store query.</param>
    public async Task<IReadOnlyList<DocumentGraph>> ResolveAsync(
        IReadOnlyList<DocumentGraph> graphs, Func<string, string, bool>? areDistinct = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var graph in graphs)
        {
            foreach (var entity in graph.Entities)
            {
                keys.UnionWith(QueryKeys(entity));
            }
        }

        var catalog = new Catalog();
        if (keys.Count > 0)
        {
            foreach (var stored in await store.FindIdentityCandidatesAsync(keys, cancellationToken))
            {
                catalog.Add(stored.Id, stored.Kind, stored.Name, stored.Aliases);
            }
        }

        var resolved = new DocumentGraph[graphs.Count];
        for (var i = 0; i < graphs.Count; i++)
        {
            resolved[i] = Resolve(graphs[i], catalog, areDistinct ?? ((_, _) => false));
            foreach (var entity in resolved[i].Entities)
            {
                catalog.Add(entity.Id, entity.Kind, entity.Name, entity.Aliases);
            }
        }

        return resolved;
    }

    private static DocumentGraph Resolve(DocumentGraph graph, Catalog catalog, Func<string, string, bool> areDistinct)
    {
        var targets = new Dictionary<string, EntityTarget>(StringComparer.Ordinal);
        var named = graph.Entities.Where(e => e.Kind is EntityKind.Person or EntityKind.Organisation).ToList();
        foreach (var entity in named.Where(e => !IsFamilyOnly(e) && !catalog.Contains(e.Id)))
        {
            if (JoinByName(entity, catalog, areDistinct) is { } target)
            {
                targets[entity.Id] = target;
            }
        }

        // then surname-only people, among stored people and this document's own full names (as joined above)
        var local = new Catalog();
        foreach (var entity in named.Where(e => e.Kind == EntityKind.Person && !IsFamilyOnly(e)))
        {
            var target = targets.GetValueOrDefault(entity.Id);
            local.Add(target?.Id ?? entity.Id, EntityKind.Person, target?.Name ?? entity.Name, [entity.Name, .. entity.Aliases]);
        }

        foreach (var entity in named.Where(e => IsFamilyOnly(e) && !catalog.Contains(e.Id)))
        {
            targets[entity.Id] = JoinByFamilyName(entity, [catalog, local], areDistinct);
        }

        return DocumentGraphRewriter.Rewrite(graph, targets);
    }

    // the same loose name: one stored entity of the same kind, else one of the other kind (whose kind it keeps)
    private static EntityTarget? JoinByName(ExtractedEntity entity, Catalog catalog, Func<string, string, bool> areDistinct)
    {
        var candidates = Names(entity).SelectMany(n => catalog.Find(IdentityKeys.Name(NameVariants.LooseKey(n))))
            .DistinctBy(c => c.Id).Where(c => !areDistinct(entity.Id, c.Id) && NameVariants.Compatible(entity.Name, c.Name)).ToList();
        var sameKind = candidates.Where(c => c.Kind == entity.Kind).ToList();
        var chosen = sameKind.Count == 1 ? sameKind[0]
            : sameKind.Count == 0 && candidates.Count == 1 ? candidates[0]
            : null;
        return chosen is null ? null : new EntityTarget(chosen.Id, chosen.Kind, chosen.Name);
    }

    // a surname-only person joins the one person of that family name, or is dropped: a node named "Redfern" beside
    // "Bethany R. Redfern" is a false split, and a guess between two Redferns a false junction
    private static EntityTarget JoinByFamilyName(ExtractedEntity entity, Catalog[] catalogs, Func<string, string, bool> areDistinct)
    {
        var family = IdentityKeys.Family(NameVariants.LooseKey(entity.Name));
        var candidates = catalogs.SelectMany(c => c.Find(family))
            .Where(c => c.Kind == EntityKind.Person && c.Id != entity.Id && !areDistinct(entity.Id, c.Id)).DistinctBy(c => c.Id).ToList();
        return candidates.Count == 1 ? new EntityTarget(candidates[0].Id, EntityKind.Person, candidates[0].Name) : EntityTarget.Drop;
    }

    // a person named by a family name alone: one word once honorifics are gone, or particles and one word ("de Groot")
    private static bool IsFamilyOnly(ExtractedEntity entity)
    {
        if (entity.Kind != EntityKind.Person)
        {
            return false;
        }

        var words = NameVariants.LooseKey(entity.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 1 || (words.Length > 1 && words[..^1].All(Particles.Contains));
    }

    private static IEnumerable<string> Names(ExtractedEntity entity) => [entity.Name, .. entity.Aliases];

    private static IEnumerable<string> QueryKeys(ExtractedEntity entity)
    {
        if (entity.Kind is not (EntityKind.Person or EntityKind.Organisation))
        {
            return [];
        }

        return IsFamilyOnly(entity)
            ? [IdentityKeys.Family(NameVariants.LooseKey(entity.Name))]
            : Names(entity).Select(n => IdentityKeys.Name(NameVariants.LooseKey(n)));
    }

    private sealed record Candidate(string Id, EntityKind Kind, string Name);

    // the stored candidates of a batch plus the batch's own resolved entities, by identity key
    private sealed class Catalog
    {
        private readonly Dictionary<string, List<Candidate>> _byKey = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public bool Contains(string id) => _ids.Contains(id);

        public List<Candidate> Find(string key) => _byKey.TryGetValue(key, out var list) ? list : [];

        public void Add(string id, EntityKind kind, string name, IReadOnlyList<string> aliases)
        {
            if (!_ids.Add(id))
            {
                return;
            }

            var candidate = new Candidate(id, kind, name);
            foreach (var key in new[] { name }.Concat(aliases).SelectMany(n => IdentityKeys.Of(kind, n)).Distinct())
            {
                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey[key] = list = [];
                }

                list.Add(candidate);
            }
        }
    }
}
