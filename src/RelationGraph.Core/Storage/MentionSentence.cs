using RelationGraph.Core.Extraction;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Extraction.Text;

namespace RelationGraph.Core.Storage;

/// <summary>
/// The sentence a mention stands in, cut from a window of its document's text around it, so a store reads a few hundred
/// characters of a document instead of all of it: what quotes an entity that no fact quotes.
/// </summary>
public static class MentionSentence
{
    /// <summary>Code points of text a store reads on each side of the mention.</summary>
    public const int Margin = 240;

    /// <summary>
    /// The sentence of the window that holds the mention, with "…" where the window cut it; null when the mention's text is
    /// not in the window.
    /// </summary>
    /// <param name="window">Text of the document from <paramref name="windowStart"/> (code points), about <see cref="Margin"/> on each side of the mention.</param>
    /// <param name="windowStart">Code point offset of the window in its document.</param>
    /// <param name="mentionStart">Code point offset of the mention in its document.</param>
    /// <param name="mentionText">The mention's text, found in the window nearest where its offset says (a store whose
    /// substring counts UTF-16 units rather than code points may shift the window a little).</param>
    public static string? Cut(string window, int windowStart, int mentionStart, string mentionText)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(mentionText);
        if (mentionText.Length == 0)
        {
            return null;
        }

        var index = new CodePointIndex(window);
        var expected = index.ToUtf16(Math.Clamp(mentionStart - windowStart, 0, index.CodePointLength));
        var at = Nearest(window, mentionText, expected);
        if (at < 0)
        {
            return null;
        }

        var sentence = SentenceSegmenter.Split(window, Lexicon.Instance).FirstOrDefault(s => s.Start <= at && at < s.End);
        var (start, end) = sentence is null ? (at, at + mentionText.Length) : (sentence.Start, Math.Max(sentence.End, at + mentionText.Length));
        var text = window[start..end].Trim();
        // the window's first and last sentences may go on beyond it
        var cutAtStart = start == 0 && windowStart > 0;
        var cutAtEnd = end == window.Length && text.Length > 0 && text[^1] is not ('.' or '!' or '?' or '"' or '\u201D' or ']');
        return (cutAtStart ? "…" : "") + text + (cutAtEnd ? "…" : "");
    }

    private static int Nearest(string window, string text, int expected)
    {
        var best = -1;
        for (var at = window.IndexOf(text, StringComparison.Ordinal); at >= 0; at = window.IndexOf(text, at + 1, StringComparison.Ordinal))
        {
            if (best < 0 || Math.Abs(at - expected) < Math.Abs(best - expected))
            {
                best = at;
            }
        }

        return best;
    }
}
