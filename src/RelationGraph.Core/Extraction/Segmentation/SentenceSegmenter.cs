using System.Collections.Frozen;

namespace RelationGraph.Core.Extraction.Segmentation;

/// <summary>
/// Splits text into sentences with offsets. Lines are boundaries (bullets, headings), abbreviations such as
/// "U.S.", "Dr." and "Inc." do not end a sentence, and citation markers after the closing punctuation stay with
/// the sentence they support. Boilerplate lines of scraped pages are skipped, not removed, so offsets stay valid.
/// </summary>
internal static class SentenceSegmenter
{
    /// <summary>Longer runs without a boundary are cut, so one pathological line cannot make later stages slow.</summary>
    public const int MaxSentenceLength = 2000;

    private const int MaxHeadingWords = 14;

    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "ltd", "co", "vs", "etc", "no", "gen", "sen",
        "rep", "gov", "col", "lt", "sgt", "capt", "maj", "adm", "cmdr", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "fig", "approx", "dept", "est", "mt", "ft", "hon", "rev", "messrs",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<Sentence> Split(string text, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>();
        var paragraph = 0;
        var blankBefore = false;
        var position = 0;
        while (position <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            SplitLine(text, position, lineEnd, lexicon, sentences, ref paragraph, ref blankBefore);
            position = lineEnd + 1;
        }

        return sentences;
    }

    private static void SplitLine(string text, int lineStart, int lineEnd, Lexicon lexicon, List<Sentence> sentences, ref int paragraph, ref bool blankBefore)
    {
        var start = lineStart;
        while (start < lineEnd && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = lineEnd;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (start >= end)
        {
            blankBefore = true;
            return;
        }

        if (blankBefore)
        {
            paragraph++;
            blankBefore = false;
        }

        var isListItem = SkipBullet(text, ref start, end);
        if (start >= end)
        {
            return;
        }

        var line = text[start..end];
        if (end - start < 80 && lexicon.IsBoilerplateLine(line))
        {
            return;
        }

        var isHeading = !isListItem && IsHeadingLike(line, paragraph);
        var sentenceStart = start;
        var i = start;
        while (i < end)
        {
            if (i - sentenceStart >= MaxSentenceLength)
            {
                var cut = CutPoint(text, sentenceStart, i);
                Add(text, sentences, sentenceStart, cut, isListItem, isHeading, paragraph);
                sentenceStart = SkipSpaces(text, cut, end);
                i = sentenceStart;
                continue;
            }

            var c = text[i];
            if (c is '.' or '!' or '?' or '…' && IsBoundary(text, sentenceStart, i, end, out var boundaryEnd, out var nextStart))
            {
                Add(text, sentences, sentenceStart, boundaryEnd, isListItem, isHeading, paragraph);
                sentenceStart = nextStart;
                i = nextStart;
                continue;
            }

            i++;
        }

        if (sentenceStart < end)
        {
            Add(text, sentences, sentenceStart, end, isListItem, isHeading, paragraph);
        }
    }

    private static bool SkipBullet(string text, ref int start, int end)
    {
        var c = text[start];
        if (c is '•' or '·' or '▪' or '‣' or '◦' or '●' or '○' or '■' or '□' or '–' or '—' or '*' or '-' or '+' or '>' && start + 1 < end && char.IsWhiteSpace(text[start + 1]))
        {
            start = SkipSpaces(text, start + 1, end);
            return true;
        }

        var digits = start;
        while (digits < end && digits - start < 3 && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits > start && digits + 1 < end && text[digits] is '.' or ')' && char.IsWhiteSpace(text[digits + 1]))
        {
            start = SkipSpaces(text, digits + 1, end);
            return true;
        }

        while (start < end && text[start] == '#')
        {
            start++;
        }

        start = SkipSpaces(text, start, end);
        return false;
    }

    private static bool IsHeadingLike(string line, int paragraph)
    {
        // A title-case or upper-case line at the top is a headline whatever its length or last character: press
        // releases run headlines of twenty words, and capitals carry no information there. (Lower down, such lines
        // are signature blocks and lists of names, which are not headings.)
        if (paragraph <= 1 && IsTitleCase(line))
        {
            return true;
        }

        var last = line[^1];
        if (last is '.' or '!' or '?' or ',' or ';' or ':' or '"' or '”' or ']' or ')')
        {
            return false;
        }

        var words = 1;
        foreach (var ch in line)
        {
            if (ch == ' ' && ++words > MaxHeadingWords)
            {
                return false;
            }
        }

        return true;
    }

    // Words of four letters or more, at least five of them, nearly all capitalised; short words ("of", "to") do not count.
    private static bool IsTitleCase(string line)
    {
        var words = 0;
        var capitalised = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && !char.IsLetter(line[i]))
            {
                i++;
            }

            var start = i;
            while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] is '-' or '\'' or '’'))
            {
                i++;
            }

            if (i - start >= 4)
            {
                words++;
                if (char.IsUpper(line[start]))
                {
                    capitalised++;
                }
            }
        }

        return words >= 5 && capitalised * 10 >= words * 9;
    }

    private static bool IsBoundary(string text, int sentenceStart, int i, int end, out int boundaryEnd, out int nextStart)
    {
        boundaryEnd = nextStart = 0;
        if (text[i] == '.' && IsAbbreviation(text, sentenceStart, i))
        {
            return false;
        }

        var j = i + 1;
        while (j < end && text[j] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or ')')
        {
            j++;
        }

        boundaryEnd = j;
        j = ConsumeCitations(text, j, end, ref boundaryEnd);
        if (j >= end)
        {
            boundaryEnd = end;
            nextStart = end;
            return true;
        }

        if (!char.IsWhiteSpace(text[j]) && boundaryEnd == i + 1 && text[i] != '…')
        {
            return false;
        }

        var k = SkipSpaces(text, j, end);
        if (k >= end)
        {
            nextStart = end;
            return true;
        }

        var next = text[k];
        if (char.IsUpper(next) || char.IsDigit(next) || next is '"' or '“' or '\'' or '‘' or '(' or '[' or '$' or '€' or '£' or '•' or '-')
        {
            nextStart = k;
            return true;
        }

        return false;
    }

    // Citation markers such as " [7]" or "[11][11]" directly after the closing punctuation belong to the sentence.
    private static int ConsumeCitations(string text, int j, int end, ref int boundaryEnd)
    {
        while (true)
        {
            var k = j;
            while (k < end && text[k] == ' ')
            {
                k++;
            }

            if (k >= end || text[k] != '[')
            {
                return j;
            }

            var close = k + 1;
            while (close < end && close - k <= 5 && char.IsAsciiDigit(text[close]))
            {
                close++;
            }

            if (close >= end || text[close] != ']' || close == k + 1)
            {
                return j;
            }

            j = close + 1;
            boundaryEnd = j;
        }
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        if (word.Length == 0)
        {
            return false;
        }

        // An initial ("J.") or a dotted acronym ("U.S", "e.g") does not end a sentence.
        if ((word.Length == 1 && char.IsUpper(word[0])) || word.Contains('.', StringComparison.Ordinal))
        {
            return true;
        }

        return Abbreviations.Contains(word.ToLowerInvariant());
    }

    private static int CutPoint(string text, int start, int limit)
    {
        for (var i = limit; i > start + (MaxSentenceLength / 2); i--)
        {
            if (char.IsWhiteSpace(text[i - 1]))
            {
                return i - 1;
            }
        }

        // Never split a surrogate pair.
        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }

    private static int SkipSpaces(string text, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static void Add(string text, List<Sentence> sentences, int start, int end, bool isListItem, bool isHeading, int paragraph)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end <= start)
        {
            return;
        }

        sentences.Add(new Sentence(sentences.Count, start, end, FindCitations(text, start, end), isListItem, isHeading, paragraph));
    }

    private static List<string> FindCitations(string text, int start, int end)
    {
        var citations = new List<string>();
        var i = text.IndexOf('[', start, end - start);
        while (i >= 0)
        {
            var close = i + 1;
            while (close < end && close - i <= 5 && char.IsAsciiDigit(text[close]))
            {
                close++;
            }

            if (close < end && text[close] == ']' && close > i + 1)
            {
                citations.Add(text[i..(close + 1)]);
            }

            i = i + 1 < end ? text.IndexOf('[', i + 1, end - i - 1) : -1;
        }

        return citations;
    }
}
