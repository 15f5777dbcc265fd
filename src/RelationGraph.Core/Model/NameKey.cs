using System.Globalization;
using System.Text;

namespace RelationGraph.Core.Model;

/// <summary>
/// Normalises names for identity and lookup: case, width, apostrophes, punctuation, possessive "'s"
/// and a leading "the" do not make two names different.
/// </summary>
public static class NameKey
{
    /// <summary>The lookup key of a name, e.g. "The Pentagon's" → "pentagon".</summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace('\u2019', '\'');
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'' && i + 1 < text.Length && text[i + 1] == 's' && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2])))
            {
                i++;
                builder.Append(' ');
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var keep = char.IsLetterOrDigit(c) || c is '$' or '%' || category == UnicodeCategory.NonSpacingMark;
            if (c == '.' && i > 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]))
            {
                keep = true;
            }

            builder.Append(keep ? c : ' ');
        }

        var collapsed = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return collapsed.StartsWith("the ", StringComparison.Ordinal) ? collapsed[4..] : collapsed;
    }
}
