using System.Text.RegularExpressions;

namespace RelationGraph.Core.Extraction.Relations;

/// <summary>
/// Builds relation regexes from a compact notation over masked sentences: <c>{P:a}</c> a person placeholder
/// captured as group a, <c>{O:b}</c> an organisation, <c>{E:c}</c> either, <c>{T:t}</c> a title, <c>{W}</c> one word.
/// Every pattern uses the non-backtracking engine, so matching time is linear in the sentence length.
/// </summary>
internal static class Pattern
{
    public static Regex Build(string notation, string titleAlternation)
    {
        var expanded = notation
            .Replace("{W}", @"[\p{L}\p{N}'’\-]+", StringComparison.Ordinal)
            .Replace("{POS}", "(?:'s|’s|'|’)", StringComparison.Ordinal);
        expanded = Regex.Replace(expanded, @"\{([POE]):(\w+)\}", match =>
        {
            var kinds = match.Groups[1].Value == "E" ? "[PO]" : match.Groups[1].Value;
            return "\uE000" + kinds + "(?<" + match.Groups[2].Value + @">\d+)" + "\uE001";
        });
        expanded = Regex.Replace(expanded, @"\{([POE])\}", match =>
            "\uE000" + (match.Groups[1].Value == "E" ? "[PO]" : match.Groups[1].Value) + @"\d+" + "\uE001");
        expanded = Regex.Replace(expanded, @"\{T:(\w+)\}", match => "(?<" + match.Groups[1].Value + ">" + titleAlternation + ")");
        return new Regex(expanded, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }
}
