using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Mentions;

// The person side of run classification: a name is a person by its given name, initials, title or the words after
// it; a single word by its title or context; ordinary words in capitals are nobody.
internal sealed partial class RunClassifier
{
    private void ClassifyName(string text, List<Token> tokens, int from, int to, bool sentenceInitial, Sentence sentence, List<Mention> mentions, RoleClass? inheritedTitle)
    {
        var titleEnd = titles.TitleEnd(tokens, from, to);
        var title = inheritedTitle;
        if (titleEnd > from)
        {
            title = titles.TitleRole(tokens, from, titleEnd);
            from = titleEnd;
            sentenceInitial = false;
        }

        // Titles written before the run in lower case ("political scientist Jane Roe", "chief executive John Doe").
        title ??= titles.TitleBefore(tokens, from);

        var count = 0;
        for (var k = from; k < to; k++)
        {
            if (tokens[k].Kind == TokenKind.Word)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return;
        }

        var phrase = text[tokens[from].Start..tokens[to - 1].End];
        var lower = phrase.ToLowerInvariant();
        if (lexicon.Places.Contains(lower) || lexicon.NotEntities.Contains(lower))
        {
            return;
        }

        if (count == 1)
        {
            ClassifySingle(tokens, from, to, text, sentence, mentions, title);
            return;
        }

        if (count > MaxNameWords || tokens[from].IsAllCaps)
        {
            return;
        }

        // "R. Ansel Brightwater": the given name follows a leading initial. "Marlowe T. Quennell": a middle initial
        // marks a person's name as surely as a given name does.
        var first = from;
        while (first < to && (IsInitial(tokens[first]) || tokens[first].Text == "."))
        {
            first++;
        }

        var hasInitial = false;
        for (var k = from; k + 1 < to; k++)
        {
            hasInitial |= IsInitial(tokens[k]) && tokens[k + 1].Text == ".";
        }

        var givenName = first < to && lexicon.GivenNames.Contains(tokens[first].Text) && !(sentence.IsHeading && OnlyCommonWords(tokens, first, to));
        if (givenName || title is not null || (hasInitial && first < to && !IsInitial(tokens[to - 1])))
        {
            Add(mentions, tokens, from, to, text, EntityKind.Person, sentence, MentionStrength.Strong, role: title);
            return;
        }

        if (FollowedByPersonCue(tokens, to))
        {
            Add(mentions, tokens, from, to, text, EntityKind.Person, sentence, MentionStrength.Strong);
            return;
        }

        // "Enter Jane Roe", "Meanwhile Acme": a sentence's first word may be an ordinary word; one that is not in the
        // common-words list ("Stellan Drummond met ...") is read as the run's first name, as it would be mid-sentence.
        if (sentenceInitial && (lexicon.CommonWords.Contains(tokens[from].Text.ToLowerInvariant()) || sentence.IsHeading))
        {
            ClassifyName(text, tokens, from + 1, to, false, sentence, mentions, null);
            return;
        }

        if (sentence.IsHeading || !AllNameLike(tokens, from, to))
        {
            return;
        }

        Add(mentions, tokens, from, to, text, EntityKind.Person, sentence, MentionStrength.Weak);
    }

    // "Will Boost", "Grant Program": a given name that is also a common word, followed only by common words.
    private bool OnlyCommonWords(List<Token> tokens, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (tokens[k].Kind == TokenKind.Word && !lexicon.CommonWords.Contains(tokens[k].Text.ToLowerInvariant()))
            {
                return false;
            }
        }

        return true;
    }

    // "Jane Roe, a Acme analyst, ..." or "Jane Roe said": the name belongs to a person.
    private bool FollowedByPersonCue(List<Token> tokens, int to)
    {
        if (to >= tokens.Count)
        {
            return false;
        }

        if (_speechVerbs.Contains(tokens[to].Text))
        {
            return true;
        }

        if (tokens[to].Text != ",")
        {
            return false;
        }

        for (var j = to + 1; j < tokens.Count && j <= to + 7; j++)
        {
            var t = tokens[j];
            if (t.Kind == TokenKind.Punctuation && t.Text != "-")
            {
                return false;
            }

            if (t.Kind == TokenKind.Word && char.IsLower(t.Text[0]) && titles.PersonAppositive(t.Text))
            {
                return true;
            }
        }

        return false;
    }

    private bool AllNameLike(List<Token> tokens, int from, int to)
    {
        var uncommon = false;
        for (var k = from; k < to; k++)
        {
            var t = tokens[k];
            if (IsInitial(t) || (t.Text == "." && k > from && IsInitial(tokens[k - 1])))
            {
                continue;
            }

            if (t.Kind != TokenKind.Word || t.IsAllCaps || t.Text.Length < 2 || lexicon.Places.Contains(t.Text.ToLowerInvariant())
                || lexicon.NotEntities.Contains(t.Text.ToLowerInvariant()))
            {
                return false;
            }

            uncommon |= !lexicon.CommonWords.Contains(t.Text.ToLowerInvariant());
        }

        // "Fraud Scheme", "Illegal Proceeds": ordinary words in capitals are a phrase, not somebody's name.
        return uncommon;
    }

    private void ClassifySingle(List<Token> tokens, int from, int to, string text, Sentence sentence, List<Mention> mentions, RoleClass? title)
    {
        var token = tokens[from];
        if (KnownOrganisation(token.Text) is { } known)
        {
            Add(mentions, tokens, from, to, text, EntityKind.Organisation, sentence, MentionStrength.Strong, canonical: known);
            return;
        }

        if (token.IsAllCaps)
        {
            var letters = token.Text.Replace(".", "", StringComparison.Ordinal);

            // "RM52", "D-PA-8", "F-14": amounts, party labels and model numbers, not acronyms of organisations.
            if (letters.Length is >= 2 and <= 6 && letters.All(c => char.IsLetter(c) || c == '&') && !lexicon.AcronymStoplist.Contains(letters) && !lexicon.AcronymStoplist.Contains(token.Text)
                && !IsShoutedLine(tokens))
            {
                Add(mentions, tokens, from, to, text, EntityKind.Organisation, sentence, MentionStrength.Strong);
            }

            return;
        }

        if (title is not null && title != RoleClass.Staff || title == RoleClass.Staff && titles.TitleBefore(tokens, from) is null)
        {
            Add(mentions, tokens, from, to, text, EntityKind.Person, sentence, MentionStrength.Contextual, role: title);
            return;
        }

        Add(mentions, tokens, from, to, text, EntityKind.Person, sentence, MentionStrength.Candidate);
    }

    private static bool IsShoutedLine(List<Token> tokens)
    {
        var words = 0;
        var caps = 0;
        foreach (var t in tokens)
        {
            if (t.Kind == TokenKind.Word)
            {
                words++;
                if (t.IsAllCaps)
                {
                    caps++;
                }
            }
        }

        return words >= 3 && caps * 2 > words;
    }

    // a given name (or an initial, or a title) before the particles, then one capitalised word: a person's full name
    private bool IsParticleName(List<Token> tokens, int from, int to, int connector)
    {
        if (to - connector < 2 || !tokens[to - 1].IsCapitalised)
        {
            return false;
        }

        for (var k = connector; k < to - 1; k++)
        {
            if (!lexicon.RunParticles.Contains(tokens[k].Text))
            {
                return false;
            }
        }

        var first = titles.TitleEnd(tokens, from, connector);
        return connector - first is 1 or 2 && (lexicon.GivenNames.Contains(tokens[first].Text) || IsInitial(tokens[first]) || first > from
            || !lexicon.CommonWords.Contains(tokens[first].Text.ToLowerInvariant()));
    }
}
