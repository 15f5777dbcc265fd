using System.Globalization;
using System.Text;

namespace RelationGraph.Bench.PathQuality;

/// <summary>How an entity was printed at a span.</summary>
internal enum SpanForm
{
    /// <summary>A person's full name (with or without the middle initial), an organisation's full name.</summary>
    FullName,

    /// <summary>A person's family name alone: "Redfern", "de Groot", "Park".</summary>
    Surname,

    /// <summary>A family name after a title, in a document that never prints the full name: "Sen. Redfern".</summary>
    TitleSurname,

    /// <summary>An organisation's shortened name: "Corvane" for "Corvane Logistics".</summary>
    ShortName,

    Acronym,

    /// <summary>"the company", "the agency", "the panel": the noun is the span.</summary>
    Vague,

    /// <summary>A contract or investigation phrase: "$3.4 billion fuel contract", "inquiry", "the deal".</summary>
    Phrase,
}

/// <summary>Where a true entity is printed: code points, end exclusive, as the store's mentions count them.</summary>
internal sealed record TrueSpan(int Start, int End, int Entity, SpanForm Form, string Text);

/// <summary>
/// A document's text as it is written, with every span where a true entity is printed and every sentence, both in
/// Unicode code points (end exclusive), the unit of the product's <c>MentionRecord</c> offsets.
/// </summary>
internal sealed class ArticleText
{
    private readonly StringBuilder _text = new(4_096);
    private int _codePoints;
    private int _sentenceStart = -1;
    private bool _capitalise;

    public List<TrueSpan> Spans { get; } = [];

    public List<(int Start, int End)> Sentences { get; } = [];

    public int Length => _codePoints;

    public override string ToString() => _text.ToString();

    /// <summary>Starts a sentence: its first letter is capitalised, whatever prints it.</summary>
    public void BeginSentence()
    {
        _sentenceStart = _codePoints;
        _capitalise = true;
    }

    public void EndSentence()
    {
        if (_sentenceStart >= 0)
        {
            Sentences.Add((_sentenceStart, _codePoints));
        }

        _sentenceStart = -1;
        _capitalise = false;
    }

    public void Append(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_capitalise)
        {
            text = Capitalised(text);
        }

        _text.Append(text);
        _codePoints += CodePoints(text);
    }

    public void AppendSpan(string text, int entity, SpanForm form)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_capitalise)
        {
            text = Capitalised(text);
        }

        var start = _codePoints;
        Append(text);
        Spans.Add(new TrueSpan(start, _codePoints, entity, form, text));
    }

    public static int CodePoints(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsLowSurrogate(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The UTF-16 index of a code-point offset in <paramref name="text"/>.</summary>
    public static int Utf16Index(string text, int codePoint)
    {
        var seen = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (seen == codePoint)
            {
                return i;
            }

            if (!char.IsLowSurrogate(text[i]))
            {
                seen++;
            }
        }

        return text.Length;
    }

    // The first letter of a sentence is upper case ("De Groot said", "The company"); quote marks before it stay.
    private string Capitalised(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]) || text[i] == '$')
            {
                _capitalise = false;
                return char.IsLower(text[i]) ? string.Concat(text.AsSpan(0, i), char.ToUpper(text[i], CultureInfo.InvariantCulture).ToString(), text.AsSpan(i + 1)) : text;
            }
        }

        return text;
    }
}
