namespace RelationGraph.Core.Extraction.Mentions;

/// <summary>
/// Title phrases over tokens ("Acting Assistant Attorney General", "U.S. Attorney", "Sen."): where one ends, which role
/// it names, and whether one stands before or after a name. Shared by the mention finder and the run classifier.
/// </summary>
internal sealed class TitlePhrases(Lexicon lexicon)
{
    public bool TitleAt(List<Token> tokens, int k)
    {
        while (k < tokens.Count && tokens[k].Text is "former" or "new" or "acting" or "interim" or "longtime" or "current")
        {
            k++;
        }

        for (var length = 3; length >= 1; length--)
        {
            if (k + length <= tokens.Count && lexicon.Titles.TryGetValue(TitleText(tokens, k, k + length), out var role) && role != RoleClass.Honorific)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsTitle(string word) => lexicon.Titles.ContainsKey(word.ToLowerInvariant());

    public bool EndsWithTitle(List<Token> tokens, int from, int to)
    {
        for (var k = Math.Max(from, to - 3); k < to; k++)
        {
            if (TitleEnd(tokens, k, to) == to)
            {
                return true;
            }
        }

        return false;
    }

    // The dot after an initial ("Marlowe T. Quennell", "R. Ansel Brightwater"), a name suffix ("Jr.") or an
    // abbreviated title ("Sen.") belongs to the name, so the run goes on past it.
    public bool KeepsDot(string word) =>
        (word.Length == 1 && char.IsUpper(word[0])) || word is "Jr" or "Sr" or "Co" || IsTitle(word + ".");

    public int TitleEnd(List<Token> tokens, int from, int to)
    {
        var best = from;

        // "Acting Assistant Attorney General", "Former Deputy Chief": the modifier is part of the title phrase.
        while (from + 1 < to && tokens[from].Text is "Acting" or "Former" or "Interim" or "Then-" or "Senior" or "Principal")
        {
            from++;
        }

        if (from >= to || !lexicon.TitleFirstWords.Contains(tokens[from].Text.TrimEnd('.')))
        {
            return best;
        }

        var phrase = "";
        for (var k = from; k < to && k < from + 6; k++)
        {
            phrase = k == from ? tokens[k].Text : phrase + (tokens[k].Text == "." ? "" : " ") + tokens[k].Text;
            if (lexicon.Titles.ContainsKey(phrase.ToLowerInvariant()))
            {
                best = k + 1;
            }
        }

        return best;
    }

    // The role of a title phrase found by TitleEnd, whose leading modifier ("Acting") is not in the lexicon.
    public RoleClass TitleRole(List<Token> tokens, int from, int to)
    {
        while (!lexicon.Titles.ContainsKey(TitleText(tokens, from, to)) && from + 1 < to)
        {
            from++;
        }

        return lexicon.Titles[TitleText(tokens, from, to)];
    }

    public static string TitleText(List<Token> tokens, int from, int to)
    {
        var phrase = "";
        for (var k = from; k < to; k++)
        {
            phrase = k == from ? tokens[k].Text : phrase + (tokens[k].Text == "." ? "" : " ") + tokens[k].Text;
        }

        return phrase.ToLowerInvariant();
    }

    public bool PersonAppositive(string word) =>
        lexicon.Titles.TryGetValue(word, out var role) && role != RoleClass.Owner && word is not ("head" or "chair" or "leader" or "member" or "partner" or "principal" or "major" or "general" or "boss")
;

    public RoleClass? TitleBefore(List<Token> tokens, int from)
    {
        for (var length = 1; length <= 3 && from - length >= 0; length++)
        {
            if (!lexicon.TitleFirstWords.Contains(tokens[from - length].Text.TrimEnd('.')))
            {
                continue;
            }

            var phrase = TitleText(tokens, from - length, from);
            if (lexicon.Titles.TryGetValue(phrase, out var role))
            {
                return role;
            }
        }

        return null;
    }
}
