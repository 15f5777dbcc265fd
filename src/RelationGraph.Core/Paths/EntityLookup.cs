using RelationGraph.Core.Identity;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Paths;

/// <summary>The entity a user means by an id or a name, or why there is none.</summary>
/// <param name="Entity">The entity, when the reference is unambiguous.</param>
/// <param name="Candidates">Every entity the name could mean, when it is ambiguous.</param>
public sealed record EntityLookupResult(EntitySummary? Entity, IReadOnlyList<EntitySummary> Candidates)
{
    /// <summary>True when nothing matched.</summary>
    public bool NotFound => Entity is null && Candidates.Count == 0;

    /// <summary>True when several entities matched.</summary>
    public bool Ambiguous => Entity is null && Candidates.Count > 1;
}

/// <summary>Resolves what users type (an entity id such as <c>per_…</c>, or a name or alias) to one entity.</summary>
public static class EntityLookup
{
    /// <summary>
    /// An id is looked up as an id; otherwise the name, as <see cref="IGraphStore.FindByNameAsync"/> finds it (with or
    /// without titles, middle initials, diacritics and case; a family name alone finds the people of that name). When several
    /// entities match, the one whose canonical name is the name typed wins if it is the only such one, else the one whose
    /// canonical name has its loose form; otherwise the answer is ambiguous, the candidates most documented first.
    /// </summary>
    public static async Task<EntityLookupResult> ResolveAsync(this IGraphStore store, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var text = reference?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new EntityLookupResult(null, []);
        }

        if (LooksLikeId(text) && await store.GetEntitySummaryAsync(text, cancellationToken) is { } byId)
        {
            return new EntityLookupResult(byId, [byId]);
        }

        var matches = (await store.FindByNameAsync(text, cancellationToken))
            .OrderByDescending(m => m.DocCount).ThenByDescending(m => m.MentionCount).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        if (matches.Count <= 1)
        {
            return new EntityLookupResult(matches.Count == 1 ? matches[0] : null, matches);
        }

        var name = NameQuery.Of(text);
        var canonical = matches.Where(m => NameKey.Normalise(m.Name) == name.Key).ToList();
        if (canonical.Count != 1)
        {
            canonical = matches.Where(m => NameVariants.LooseKey(m.Name) == name.LooseKey).ToList();
        }

        return canonical.Count == 1
            ? new EntityLookupResult(canonical[0], matches)
            : new EntityLookupResult(null, matches);
    }

    private static bool LooksLikeId(string text) =>
        text.Length > 4 && text[3] == '_' && EntityKinds.All.Any(k => text.StartsWith(EntityKinds.Prefix(k) + "_", StringComparison.Ordinal));
}
