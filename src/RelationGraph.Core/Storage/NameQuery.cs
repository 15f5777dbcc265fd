using RelationGraph.Core.Identity;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Storage;

/// <summary>
/// The forms of a name a user typed that the stores match, so both stores match alike: its <see cref="NameKey"/> and its
/// <see cref="NameVariants.LooseKey"/> (without titles, middle initials and diacritics), which stored names are also kept
/// under (people and organisations, as <see cref="IdentityKeys"/>).
/// </summary>
public sealed record NameQuery
{
    /// <summary>Queries shorter than this many characters match whole names and their starts only, never their insides.</summary>
    public const int MinContainsLength = 3;

    private NameQuery(string text, string key, string looseKey)
    {
        Text = text;
        Key = key;
        LooseKey = looseKey;
    }

    /// <summary>The name as typed.</summary>
    public string Text { get; }

    /// <summary>The normalised name (<see cref="NameKey.Normalise"/>); empty when the text has no letter or digit.</summary>
    public string Key { get; }

    /// <summary>The loose form (<see cref="NameVariants.LooseKey"/>); equal to <see cref="Key"/> for most names.</summary>
    public string LooseKey { get; }

    /// <summary>True when there is nothing to look for.</summary>
    public bool IsEmpty => Key.Length == 0;

    /// <summary>The forms of <paramref name="text"/>.</summary>
    public static NameQuery Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = NameKey.Normalise(text);
        if (key.Length == 0)
        {
            return new NameQuery(text, "", "");
        }

        var loose = NameVariants.LooseKey(text);
        return new NameQuery(text, key, loose.Length == 0 ? key : loose);
    }

    /// <summary>
    /// What <see cref="IGraphStore.FindByNameAsync"/> tries, in order, keeping the first that finds anything: the
    /// normalised name (a stored name or alias key), the loose name's identity key (<see cref="IdentityKeys.Name"/>), and
    /// the family-name identity key (<see cref="IdentityKeys.Family"/>), which only people have: "Redfern" finds the
    /// people whose family name it is.
    /// </summary>
    public IReadOnlyList<string> LookupTiers => IsEmpty ? [] : [Key, IdentityKeys.Name(LooseKey), IdentityKeys.Family(LooseKey)];

    /// <summary>
    /// Whether an entity found by a loose or family key (a later <see cref="LookupTiers"/> tier) may be the one meant: not
    /// when both names print middle initials and they differ (<see cref="NameVariants.Compatible"/>), as ingest joins them.
    /// </summary>
    public bool Fits(EntitySummary entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return NameVariants.Compatible(Text, entity.Name);
    }

    /// <summary>
    /// The forms a stored key (a name, an alias or a loose name) is compared with: equal to one is an exact match, starting
    /// with one a prefix match.
    /// </summary>
    public IReadOnlyList<string> Forms => IsEmpty ? [] : LooseKey == Key ? [Key] : [Key, LooseKey];

    /// <summary>
    /// The forms a stored key may contain for a contains match: those of at least <see cref="MinContainsLength"/>
    /// characters, and none when <see cref="Key"/> is shorter (such a query matches whole names and their starts only).
    /// </summary>
    public IReadOnlyList<string> ContainsForms => Length(Key) < MinContainsLength ? [] : [.. Forms.Where(f => Length(f) >= MinContainsLength)];

    private static int Length(string text) => text.EnumerateRunes().Count();
}
