using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Identity;

/// <summary>
/// The looser keys a name is found and joined by across documents: one real person is printed "Dr. Bethany R. Redfern",
/// "Bethany Redfern" and "BETHANY REDFERN", and a user types any of them. <see cref="NameKey"/> stays the identity of
/// a stored name; these keys find the candidates for it.
/// </summary>
public static class NameVariants
{
    /// <summary>
    /// <see cref="NameKey.Normalise"/> without diacritics, leading honorifics and ranks ("dr", "gen", "sen"), and single
    /// letter middle initials: "Dr. Bethany R. Redfern" and "bethany redfern" share "bethany redfern"; "José Müller"
    /// and "Jose Muller" share "jose muller". A name that is nothing but those parts keeps its <see cref="NameKey"/>.
    /// </summary>
    public static string LooseKey(string name)
    {
        var tokens = LooseTokens(name);
        return string.Join(' ', tokens);
    }

    /// <summary>
    /// The family-name key of a person's name: the loose key without its first given name, so "Bethany R. Redfern" →
    /// "redfern" and "Esther de Groot" → "de groot"; null for one-word names. Family-name-first names ("Park Ji-hoon")
    /// give their last word; joins by family name need a unique candidate, so a wrong guess finds nothing rather than
    /// the wrong person.
    /// </summary>
    public static string? FamilyKey(string name)
    {
        var tokens = LooseTokens(name);
        // an initial after the given name is skipped, the particle "Ó" (folded "o") of "Clodagh Ó Briain" is not
        return tokens.Count < 2 ? null : string.Join(' ', tokens.Skip(1).SkipWhile(t => t.Length == 1 && !FoldedParticles.Value.Contains(t)));
    }

    // lazy: the folding table it needs is a static declared further down
    private static readonly Lazy<FrozenSet<string>> FoldedParticles =
        new(() => Lexicon.Instance.FamilyParticles.Select(RemoveDiacritics).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>The loose key of a one-word mention's word, the form a surname-only mention is matched by.</summary>
    public static string LastWordKey(string name)
    {
        var tokens = LooseTokens(name);
        return tokens.Count == 0 ? "" : tokens[^1];
    }

    /// <summary>
    /// False when two names with the same <see cref="LooseKey"/> still name different people because both print middle
    /// initials and they differ ("Bethany R. Redfern", "Bethany T. Redfern"); a name without initials fits either.
    /// </summary>
    public static bool Compatible(string name, string other)
    {
        var initials = MiddleInitials(name);
        var others = MiddleInitials(other);
        return initials.Length == 0 || others.Length == 0 || initials == others;
    }

    private static string MiddleInitials(string name)
    {
        var tokens = RemoveDiacritics(NameKey.Normalise(name)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var initials = new StringBuilder();
        for (var i = 1; i < tokens.Length - 1; i++)
        {
            if (tokens[i].Length == 1 && char.IsLetter(tokens[i][0]))
            {
                initials.Append(tokens[i]);
            }
        }

        return initials.ToString();
    }

    /// <summary>Every key a stored name should be found by: its <see cref="NameKey"/> and its <see cref="LooseKey"/>.</summary>
    public static IReadOnlyList<string> LookupKeys(string name)
    {
        var exact = NameKey.Normalise(name);
        var loose = LooseKey(name);
        return loose.Length == 0 || loose == exact ? [exact] : [exact, loose];
    }

    private static List<string> LooseTokens(string name)
    {
        // initials are told before folding, so the particle "Ó" ("Clodagh Ó Briain") is not taken for one
        var printed = NameKey.Normalise(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = printed.Select(RemoveDiacritics).ToList();
        var titles = Lexicon.Instance.Titles;
        var leading = 0;
        while (leading < tokens.Count - 1 && IsHonorific(titles, tokens[leading]))
        {
            leading++;
        }

        var kept = new List<string>(tokens.Count);
        for (var i = leading; i < tokens.Count; i++)
        {
            // a lone letter between the first and last word is a middle initial ("bethany r redfern")
            var middle = i > leading && i < tokens.Count - 1;
            if (middle && printed[i].Length == 1 && char.IsAsciiLetter(printed[i][0]))
            {
                continue;
            }

            kept.Add(tokens[i]);
        }

        return kept.Count == 0 ? tokens : kept;
    }

    // honorifics and abbreviated ranks as titles.txt lists them ("dr.", "gen.", "judge"): they mark a person, they do
    // not name one; whole-word job titles ("director") stay, since they also begin organisation names
    private static bool IsHonorific(System.Collections.Frozen.FrozenDictionary<string, RoleClass> titles, string token) =>
        titles.ContainsKey(token + ".") || (titles.TryGetValue(token, out var role) && role == RoleClass.Honorific);

    // letter by letter through latin-folding.txt: string.Normalize does not decompose under InvariantGlobalization
    private static string RemoveDiacritics(string key)
    {
        if (Ascii.IsValid(key))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (Folding.Value.TryGetValue(c, out var folded))
            {
                builder.Append(folded);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static readonly Lazy<FrozenDictionary<char, string>> Folding = new(() => Lexicon.ReadLines("latin-folding.txt")
        .Select(l => l.Split('\t'))
        .ToFrozenDictionary(p => p[0][0], p => p[1]));
}
