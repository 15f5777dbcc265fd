using System.Text.RegularExpressions;

namespace RelationGraph.Core.Extraction.Relations;

/// <summary>
/// Builds relation regexes from a compact notation over masked sentences: <c>{P:a}</c> a person placeholder
/// captured as group a, <c>{O:b}</c> an organisation, <c>{E:c}</c> either, <c>{T:t}</c> a title, <c>{W}</c> one word,
/// <c>{RES}</c> an optional age and residence after a name (", 44, of Dayton, Ohio").
/// Every pattern uses the non-backtracking engine, so matching time is linear in the sentence length.
/// </summary>
internal static class Pattern
{
    /// <summary>The options of every pattern.</summary>
    public const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    // After a name, the age and home town of a press release: "X, 44, of Dayton, Ohio, a former clerk at Y". The
    // place is capitalised words (case-sensitive inside the case-insensitive pattern) and a state that may be masked.
    private const string Place = @"(?-i:\p{Lu})[\p{L}.'’\-]*(?: (?-i:\p{Lu})[\p{L}.'’\-]*){0,2}";
    private const string Residence = @"(?:, \d{1,3})?(?:,? of " + Place + @"(?:, (?:" + Place + "|\uE000O\\d+\uE001))?)?";

    public static Regex Build(string notation, string titleAlternation)
    {
        var expanded = notation
            .Replace("{W}", @"[\p{L}\p{N}'’\-]+", StringComparison.Ordinal)
            .Replace("{POS}", "(?:'s|’s|'|’)", StringComparison.Ordinal)
            .Replace("{RES}", Residence, StringComparison.Ordinal);
        expanded = Regex.Replace(expanded, @"\{([POE]):(\w+)\}", match =>
        {
            var kinds = match.Groups[1].Value == "E" ? "[PO]" : match.Groups[1].Value;
            return "\uE000" + kinds + "(?<" + match.Groups[2].Value + @">\d+)" + "\uE001";
        });
        expanded = Regex.Replace(expanded, @"\{([POE])\}", match =>
            "\uE000" + (match.Groups[1].Value == "E" ? "[PO]" : match.Groups[1].Value) + @"\d+" + "\uE001");
        expanded = Regex.Replace(expanded, @"\{T:(\w+)\}", match => "(?<" + match.Groups[1].Value + ">" + titleAlternation + ")");
        return new Regex(expanded, Options);
    }
}
