using System.Collections.Frozen;
using System.Text.RegularExpressions;
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
public sealed partial class CrossDocumentIdentity(IGraphStore store)
{
    /// <summary>Particles that start a family name ("de Groot", "van der Berg", "Ó Briain"), in key form ("o").</summary>
    private static readonly FrozenSet<string> Particles = Extraction.Lexicon.Instance.FamilyParticles
        .Select(NameVariants.LooseKey).ToFrozenSet(StringComparer.Ordinal);

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
            resolved[i] = await ResolveAsync(graphs[i], catalog, areDistinct ?? ((_, _) => false), cancellationToken);
            foreach (var entity in resolved[i].Entities)
            {
                catalog.Add(entity.Id, entity.Kind, entity.Name, entity.Aliases);
            }

            foreach (var fact in resolved[i].Facts)
            {
                catalog.AddNeighbours(fact.SubjectId, fact.ObjectId);
            }
        }

        return resolved;
    }

    // Whether a stored (or earlier in the batch) person shares a fact with one of this document's entities: the
    // evidence a surname-only mention needs besides its surname, since many people share one.
    private async Task<bool> SharesANeighbourAsync(string candidateId, HashSet<string> documentEntities, Catalog catalog, CancellationToken cancellationToken)
    {
        if (catalog.Neighbours(candidateId).Overlaps(documentEntities))
        {
            return true;
        }

        if (!catalog.StoredNeighbours.TryGetValue(candidateId, out var stored))
        {
            // once per candidate and batch: a person in the news is named by many documents of one batch
            var found = await store.GetNeighboursAsync(candidateId, Paths.PathFilter.None, NeighbourEvidenceLimit, cancellationToken);
            catalog.StoredNeighbours[candidateId] = stored = found.Select(n => n.Entity.Id).ToHashSet(StringComparer.Ordinal);
        }

        return stored.Overlaps(documentEntities);
    }

    private const int NeighbourEvidenceLimit = 500;

    private async Task<DocumentGraph> ResolveAsync(DocumentGraph graph, Catalog catalog, Func<string, string, bool> areDistinct, CancellationToken cancellationToken)
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

        // then surname-only people: this document's own full names first (as joined above), else the one stored
        // person of that family name who shares a fact with something this document names
        var local = new Catalog();
        foreach (var entity in named.Where(e => e.Kind == EntityKind.Person && !IsFamilyOnly(e)))
        {
            var target = targets.GetValueOrDefault(entity.Id);
            local.Add(target?.Id ?? entity.Id, EntityKind.Person, target?.Name ?? entity.Name, [entity.Name, .. entity.Aliases]);
        }

        var documentEntities = graph.Entities.Select(e => targets.GetValueOrDefault(e.Id)?.Id ?? e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var entity in named.Where(e => IsFamilyOnly(e) && !catalog.Contains(e.Id)))
        {
            var family = IdentityKeys.Family(NameVariants.LooseKey(entity.Name));
            var inDocument = Candidates(local, family, entity, areDistinct);
            var stored = Candidates(catalog, family, entity, areDistinct);
            targets[entity.Id] = inDocument.Count == 1 ? new EntityTarget(inDocument[0].Id, EntityKind.Person, inDocument[0].Name)
                : inDocument.Count == 0 && stored.Count == 1 && await SharesANeighbourAsync(stored[0].Id, documentEntities, catalog, cancellationToken)
                    ? new EntityTarget(stored[0].Id, EntityKind.Person, stored[0].Name)
                    : EntityTarget.Drop;
        }

        return DocumentGraphRewriter.Rewrite(graph, targets);
    }

    private static List<Candidate> Candidates(Catalog catalog, string familyKey, ExtractedEntity entity, Func<string, string, bool> areDistinct) =>
        [.. catalog.Find(familyKey).Where(c => c.Kind == EntityKind.Person && c.Id != entity.Id && !areDistinct(entity.Id, c.Id)).DistinctBy(c => c.Id)];

    // the same loose name: one stored entity of the same kind, else one of the other kind (whose kind it keeps)
    private static EntityTarget? JoinByName(ExtractedEntity entity, Catalog catalog, Func<string, string, bool> areDistinct)
    {
        var candidates = JoinNames(entity).SelectMany(n => catalog.Find(IdentityKeys.Name(NameVariants.LooseKey(n))))
            .DistinctBy(c => c.Id).Where(c => !areDistinct(entity.Id, c.Id) && NameVariants.Compatible(entity.Name, c.Name)).ToList();
        var sameKind = candidates.Where(c => c.Kind == entity.Kind).ToList();
        var chosen = sameKind.Count == 1 ? sameKind[0]
            : sameKind.Count == 0 && candidates.Count == 1 && !KindIsPlain(entity) ? candidates[0]
            : null;
        return chosen is null ? null : new EntityTarget(chosen.Id, chosen.Kind, chosen.Name);
    }

    // The name itself says what it is: an organisation word ("Merstead Fuels") or a known given name opening a short
    // name ("Bethany Redfern"). Such an entity keeps its kind; a stored namesake of the other kind is someone else.
    private static bool KindIsPlain(ExtractedEntity entity)
    {
        var words = entity.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lexicon = Extraction.Lexicon.Instance;
        var organisationWord = words.Any(lexicon.OrgCues.Contains);
        return entity.Kind == EntityKind.Organisation
            ? organisationWord
            : !organisationWord && words.Length is >= 2 and <= 4 && lexicon.GivenNames.Contains(words[0]);
    }

    // a person named by a family name alone: one word once honorifics are gone, or particles and one word ("de Groot")
    private static bool IsFamilyOnly(ExtractedEntity entity)
    {
        if (entity.Kind != EntityKind.Person)
        {
            return false;
        }

        return IsFamilyName(entity.Name);
    }

    // a hyphen between letters, which the loose key turns into a space
    [GeneratedRegex(@"(?<=\p{L})[-‐‑–](?=\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenJoined();

    // one word once honorifics are gone ("Darrow", "Mr. Darrow"), or particles and one word ("De Vries", "Ó Briain");
    // a hyphenated family name is one word ("Arnim-Keller", "al-Rashid"): read as two, it joined every Arnim-Keller
    private static bool IsFamilyName(string name)
    {
        var words = NameVariants.LooseKey(HyphenJoined().Replace(name, "")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 1 || words[..^1].All(Particles.Contains);
    }

    // The canonical name and the aliases of two words or more: a one-word alias ("Darrow" of Yvonne Darrow, "Elmfjord"
    // of Elmfjord Engineering) is a short form many entities share, and joining by it merged every Darrow into one.
    private static IEnumerable<string> JoinNames(ExtractedEntity entity) =>
        [entity.Name, .. entity.Aliases.Where(a => !IsFamilyName(a))];

    private static IEnumerable<string> QueryKeys(ExtractedEntity entity)
    {
        if (entity.Kind is not (EntityKind.Person or EntityKind.Organisation))
        {
            return [];
        }

        return IsFamilyOnly(entity)
            ? [IdentityKeys.Family(NameVariants.LooseKey(entity.Name))]
            : JoinNames(entity).Select(n => IdentityKeys.Name(NameVariants.LooseKey(n)));
    }

    private sealed record Candidate(string Id, EntityKind Kind, string Name);

    // the stored candidates of a batch plus the batch's own resolved entities, by identity key
    private sealed class Catalog
    {
        private readonly Dictionary<string, List<Candidate>> _byKey = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        private readonly Dictionary<string, HashSet<string>> _neighbours = new(StringComparer.Ordinal);

        // the stored neighbours of candidates asked about in this batch
        public Dictionary<string, HashSet<string>> StoredNeighbours { get; } = new(StringComparer.Ordinal);

        public bool Contains(string id) => _ids.Contains(id);

        // facts of this batch's earlier documents, not yet in the store
        public void AddNeighbours(string a, string b)
        {
            Neighbours(a).Add(b);
            Neighbours(b).Add(a);
        }

        public HashSet<string> Neighbours(string id)
        {
            if (!_neighbours.TryGetValue(id, out var set))
            {
                _neighbours[id] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            return set;
        }

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
