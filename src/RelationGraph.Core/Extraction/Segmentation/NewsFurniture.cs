using System.Text.RegularExpressions;

namespace RelationGraph.Core.Extraction.Segmentation;

/// <summary>
/// Blanks the furniture of news copy that is not prose: a dateline ("CARROW, July 13 (Harbour Wire) —", "WASHINGTON
/// (Reuters) -") and the "By" of a byline. Read as prose, the city in capitals became an organisation that joined every
/// contract of the wire's stories, and the agency a person. Blanking keeps every offset.
/// </summary>
internal static partial class NewsFurniture
{
    private const int MatchTimeoutMs = 250;

    [GeneratedRegex(@"^[ \t]*(?<place>[A-Z][A-Z.'’\-]+(?:[ ,/]+[A-Z][A-Z.'’\-]+){0,3})(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?(?: \([^()\n]{2,60}\))? ?(?:—|–|--|-) ", RegexOptions.Multiline | RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex Dateline();

    [GeneratedRegex(@"^[ \t]*By (?=\p{Lu})", RegexOptions.Multiline | RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex Byline();

    /// <summary>The text with datelines and byline "By"s replaced by spaces; the same string when it has neither.</summary>
    public static string Blank(string text)
    {
        char[]? chars = null;
        try
        {
            foreach (var regex in new[] { Dateline(), Byline() })
            {
                foreach (Match match in regex.Matches(text))
                {
                    chars ??= text.ToCharArray();
                    Array.Fill(chars, ' ', match.Index, match.Length);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // pathological text keeps its furniture; extraction goes on
        }

        return chars is null ? text : new string(chars);
    }
}
