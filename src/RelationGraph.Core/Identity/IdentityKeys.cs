using RelationGraph.Core.Model;

namespace RelationGraph.Core.Identity;

/// <summary>
/// The keys a stored entity is indexed by for joining across documents, as opaque strings a store keeps beside the
/// entity and matches exactly: <c>n:</c> + the <see cref="NameVariants.LooseKey"/> of its name and each alias (people
/// and organisations), and for people <c>f:</c> + the family key and the last word, so a surname-only mention finds them.
/// </summary>
public static class IdentityKeys
{
    /// <summary>Keys of one of an entity's names (its canonical name or an alias); none for contracts and investigations.</summary>
    public static IEnumerable<string> Of(EntityKind kind, string name)
    {
        if (kind is not (EntityKind.Person or EntityKind.Organisation) || string.IsNullOrWhiteSpace(name))
        {
            yield break;
        }

        var loose = NameVariants.LooseKey(name);
        if (loose.Length == 0)
        {
            yield break;
        }

        yield return Name(loose);
        if (kind == EntityKind.Person && NameVariants.FamilyKey(name) is { Length: > 0 } family)
        {
            yield return Family(family);
            var last = NameVariants.LastWordKey(name);
            if (last != family)
            {
                yield return Family(last);
            }
        }
    }

    /// <summary>The key that finds entities with this loose name.</summary>
    public static string Name(string looseKey) => "n:" + looseKey;

    /// <summary>The key that finds people with this family name (or last word).</summary>
    public static string Family(string familyKey) => "f:" + familyKey;
}
