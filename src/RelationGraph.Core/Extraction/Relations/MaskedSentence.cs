using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Relations;

/// <summary>
/// A sentence with each resolved mention replaced by a placeholder such as <c>\uE000P3\uE001</c> (person entity 3),
/// so relation patterns are short regular expressions over names and the words between them.
/// </summary>
internal sealed partial class MaskedSentence
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    private readonly int[] _map;

    private MaskedSentence(Sentence sentence, string masked, int[] map, IReadOnlyList<int> entitiesInOrder)
    {
        Sentence = sentence;
        Text = masked;
        _map = map;
        EntitiesInOrder = entitiesInOrder;
    }

    public Sentence Sentence { get; }

    /// <summary>The masked text.</summary>
    public string Text { get; }

    /// <summary>Entity indexes in the order they appear.</summary>
    public IReadOnlyList<int> EntitiesInOrder { get; }

    /// <summary>Builds the masked form of a sentence from its resolved mentions, sorted by start.</summary>
    public static MaskedSentence Build(string text, Sentence sentence, IReadOnlyList<(int Start, int End, int Entity, EntityKind Kind)> mentions)
    {
        var builder = new StringBuilder(sentence.Length + 16);
        var map = new List<int>(sentence.Length + 16);
        var order = new List<int>();
        var position = sentence.Start;
        var previousEntity = -1;
        foreach (var (start, end, entity, kind) in mentions)
        {
            if (start < position)
            {
                continue;
            }

            // "the Office of Widget Regulation (OWR) said": the bracketed acronym repeats the name; patterns skip it.
            if (entity == previousEntity && start - position == 2 && text[position] == ' ' && text[position + 1] == '(' && end < sentence.End && text[end] == ')')
            {
                position = end + 1;
                continue;
            }

            previousEntity = entity;

            for (; position < start; position++)
            {
                builder.Append(text[position]);
                map.Add(position);
            }

            // "Quillon Systems Inc., a unit of ..." / "Joe Roe Jr., chief of ...": the abbreviation's dot belongs to the
            // name, so patterns see "<O>, a unit of" rather than "<O>., a unit of".
            var last = AbbreviationDotAfter(text, end, sentence.End) ? end : end - 1;
            var placeholder = Open + (kind == EntityKind.Person ? "P" : "O") + entity.ToString(CultureInfo.InvariantCulture) + Close;
            builder.Append(placeholder);
            for (var k = 0; k < placeholder.Length; k++)
            {
                map.Add(k == placeholder.Length - 1 ? last : start);
            }

            order.Add(entity);
            position = last + 1;
        }

        for (; position < sentence.End; position++)
        {
            builder.Append(text[position]);
            map.Add(position);
        }

        return new MaskedSentence(sentence, builder.ToString(), [.. map], order);
    }

    private static readonly string[] AbbreviatedEndings = ["Inc", "Co", "Corp", "Ltd", "Cos", "Bros", "Jr", "Sr"];

    private static bool AbbreviationDotAfter(string text, int end, int sentenceEnd)
    {
        if (end >= sentenceEnd || text[end] != '.' || (end + 1 < text.Length && char.IsLetterOrDigit(text[end + 1])))
        {
            return false;
        }

        foreach (var ending in AbbreviatedEndings)
        {
            if (end >= ending.Length + 1 && text[end - ending.Length - 1] == ' ' && string.CompareOrdinal(text, end - ending.Length, ending, 0, ending.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The same sentence without asides (", who sits on the board,", parentheses), so a verb can be matched to its
    /// subject across them.
    /// </summary>
    public MaskedSentence WithoutAsides()
    {
        var builder = new StringBuilder(Text.Length);
        var map = new List<int>(Text.Length);
        var i = 0;
        while (i < Text.Length)
        {
            var skipTo = -1;
            if (Text[i] == ',' && (Starts(i, ", who ") || Starts(i, ", which ") || Starts(i, ", whose ")))
            {
                var close = Text.IndexOf(',', i + 2);
                if (close > 0 && close - i < 160)
                {
                    skipTo = close + 1;
                }
            }
            else if (Text[i] == ' ' && i + 1 < Text.Length && Text[i + 1] == '(')
            {
                var close = Text.IndexOf(')', i + 2);
                if (close > 0 && close - i < 120)
                {
                    skipTo = close + 1;
                }
            }

            if (skipTo > 0)
            {
                i = skipTo;
                continue;
            }

            builder.Append(Text[i]);
            map.Add(_map[i]);
            i++;
        }

        return new MaskedSentence(Sentence, builder.ToString(), [.. map], EntitiesInOrder);
    }

    private bool Starts(int i, string value) => string.CompareOrdinal(Text, i, value, 0, value.Length) == 0;

    /// <summary>The document span (UTF-16) of a masked range.</summary>
    public (int Start, int End) ToDocument(int maskedStart, int maskedEnd) =>
        maskedEnd <= maskedStart ? (_map[maskedStart], _map[maskedStart]) : (_map[maskedStart], _map[maskedEnd - 1] + 1);

    /// <summary>Parses an entity index out of a placeholder capture.</summary>
    public static int EntityOf(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The first entity of a kind at the very start of the sentence (its grammatical subject), or -1.</summary>
    public int LeadingEntity(Func<int, bool> accept)
    {
        var i = 0;
        while (i < Text.Length && !char.IsLetterOrDigit(Text[i]) && Text[i] != Open)
        {
            i++;
        }

        // Allow a short lead-in such as "In 2023, " or "Meanwhile, ", and the article of "The Mining Authority".
        var open = Text.IndexOf(Open, i);
        if (open < 0 || (open > i && (open - i > 24 || !(Text[i..open].EndsWith(", ", StringComparison.Ordinal) || Text[i..open] is "The " or "the "))))
        {
            return -1;
        }

        var close = Text.IndexOf(Close, open);
        var entity = EntityOf(Text[(open + 2)..close]);
        return accept(entity) ? entity : -1;
    }

    /// <summary>
    /// The coordinated names before a verb, when they are its subject: "X and his corporation, Y, pleaded guilty";
    /// "X, 44, of Dayton, was sentenced". Empty when the last name before the verb is far from it or a clause
    /// ("announced that") stands between.
    /// </summary>
    public List<int> SubjectListBefore(int verbIndex)
    {
        var list = new List<int>();
        var masked = Text;
        var close = masked.LastIndexOf(Close, Math.Max(0, verbIndex - 1));
        if (close < 0 || verbIndex - close > 100)
        {
            return list;
        }

        var between = masked.AsSpan(close + 1, verbIndex - close - 1);
        if (between.Contains(" that ", StringComparison.Ordinal) || between.Contains("announced", StringComparison.Ordinal)
            || between.Contains(" said", StringComparison.Ordinal) || between.Contains(Open))
        {
            return list;
        }

        var end = close;
        while (true)
        {
            var open = masked.LastIndexOf(Open, end);
            if (open < 0)
            {
                break;
            }

            list.Insert(0, EntityOf(masked[(open + 2)..end]));
            var previousClose = open > 0 ? masked.LastIndexOf(Close, open - 1) : -1;
            if (previousClose < 0 || open - previousClose > 40 || !ListSeparator().IsMatch(masked[(previousClose + 1)..open]))
            {
                break;
            }

            end = previousClose;
        }

        return list;
    }

    // "X and his corporation, Y," / "X, Y and Z": the separators of a coordinated list of names.
    [GeneratedRegex(@"^(?:,|,? and|,? and (?:his|her|its|their) (?:[\p{L}\-]+ ){0,2}?(?:company|corporation|firm|business|companies|partner|wife|husband|son|brother|subsidiaries|subsidiary),?|, as well as) (?:the )?$", RegexOptions.CultureInvariant, RegexLimits.MatchTimeoutMs)]
    private static partial Regex ListSeparator();
}
