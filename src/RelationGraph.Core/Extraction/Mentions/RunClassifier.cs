using System.Collections.Frozen;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Mentions;

/// <summary>
/// Classifies one run of capitalised words: a known organisation, an organisation by its cue words, a title with the
/// people and the office it names, several names joined by "and", a person by given name, initials, title or context,
/// or nothing (laws, places, ordinary words in capitals). Adds the mentions it finds.
/// </summary>
internal sealed partial class RunClassifier(Lexicon lexicon, TitlePhrases titles)
{
    private readonly FrozenSet<string> _speechVerbs = lexicon.ContextWords("speech-verbs");

    private const int MaxNameWords = 4;

    internal static readonly FrozenSet<string> Connectors = new[] { "of", "for", "on", "and", "&", "the", "de", "du", "la", "von", "van", "der" }
        .ToFrozenSet(StringComparer.Ordinal);

    internal static bool IsInitial(Token token) => token.Kind == TokenKind.Word && token.Text.Length == 1 && char.IsUpper(token.Text[0]);

    internal static bool IsSentenceInitial(List<Token> tokens, int i)
    {
        for (var k = i - 1; k >= 0; k--)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Punctuation)
            {
                return false;
            }

            if (t.Text is ":" or "-" or "–" or "—" or "(")
            {
                return true;
            }
        }

        return true;
    }

    public void ClassifyRun(string text, List<Token> tokens, int from, int to, bool sentenceInitial, Sentence sentence, List<Mention> mentions)
    {
        while (from < to && (tokens[from].Text is "The" or "A" or "An" || tokens[from].Kind == TokenKind.Punctuation || IsLocativeModifier(tokens[from].Text)))
        {
            from++;
            sentenceInitial = false;
        }

        if (from >= to)
        {
            return;
        }

        var words = new List<string>(to - from);
        for (var k = from; k < to; k++)
        {
            if (tokens[k].Kind != TokenKind.Punctuation)
            {
                words.Add(tokens[k].Text);
            }
        }

        var phrase = text[tokens[from].Start..tokens[to - 1].End];
        var lower = phrase.ToLowerInvariant();
        if (lexicon.Places.Contains(lower) || lexicon.NotEntities.Contains(lower))
        {
            return;
        }

        if (KnownOrganisation(phrase) is { } known)
        {
            Add(mentions, tokens, from, to, text, EntityKind.Organisation, sentence, MentionStrength.Strong, canonical: known);
            return;
        }

        if (IsNonEntityPhrase(tokens, from, to))
        {
            return;
        }

        if (SplitTitledRun(text, tokens, from, to, sentence, mentions))
        {
            return;
        }

        if (SplitNestedOrganisations(text, tokens, from, to, sentence, mentions))
        {
            return;
        }

        if (TryOrganisation(text, tokens, from, to, sentence, mentions))
        {
            return;
        }

        // A run joined by connectors that is not one organisation is several names ("Jane Roe and John Doe"), unless
        // the connectors are a family name's particles ("Esther de Groot", "Pieter van der Berg").
        var connector = IndexOfConnector(tokens, from, to);
        if (connector >= 0 && IsParticleName(tokens, from, to, connector))
        {
            ClassifyName(text, tokens, from, to, sentenceInitial, sentence, mentions, null);
            return;
        }

        if (connector >= 0)
        {
            var titleEnd = titles.TitleEnd(tokens, from, to);
            var title = titleEnd > from ? titles.TitleRole(tokens, from, titleEnd) : (RoleClass?)null;
            ClassifyRun(text, tokens, titleEnd > from ? titleEnd : from, connector, sentenceInitial && titleEnd == from, sentence, mentions, title);
            ClassifyRun(text, tokens, connector + 1, to, false, sentence, mentions, title);
            return;
        }

        ClassifyName(text, tokens, from, to, sentenceInitial, sentence, mentions, null);
    }

    private void ClassifyRun(string text, List<Token> tokens, int from, int to, bool sentenceInitial, Sentence sentence, List<Mention> mentions, RoleClass? inheritedTitle)
    {
        if (inheritedTitle is null)
        {
            ClassifyRun(text, tokens, from, to, sentenceInitial, sentence, mentions);
            return;
        }

        var connector = IndexOfConnector(tokens, from, to);
        if (connector >= 0)
        {
            ClassifyRun(text, tokens, from, connector, sentenceInitial, sentence, mentions, inheritedTitle);
            ClassifyRun(text, tokens, connector + 1, to, false, sentence, mentions, inheritedTitle);
            return;
        }

        ClassifyName(text, tokens, from, to, sentenceInitial, sentence, mentions, inheritedTitle);
    }

    // "False Claims Act", "Orange County", "the Southern District of Florida": laws, programmes and places are no
    // entities, unless an organisation cue makes the phrase an office or a court ("District Court", "County Council").
    private bool IsNonEntityPhrase(List<Token> tokens, int from, int to)
    {
        // "Fort Belvoir", "Mount Vernon", "Camp Lejeune": a place named by its first word.
        if (tokens[from].Text is "Fort" or "Mount" or "Camp" or "Cape" or "Lake" && to - from >= 2 && !HasCue(tokens, from, to))
        {
            return true;
        }

        var head = -1;
        for (var k = from; k < to; k++)
        {
            if (tokens[k].Kind != TokenKind.Word)
            {
                continue;
            }

            if (lexicon.OrgCues.Contains(tokens[k].Text))
            {
                return false;
            }

            if (tokens[k].Text is "of" or "for" or "on" or "and" or "&")
            {
                if (head >= 0 && tokens[k].Text is "of" or "for")
                {
                    break;
                }

                continue;
            }

            head = k;
        }

        return head >= 0 && lexicon.NonEntityHeads.Contains(tokens[head].Text);
    }

    // "Acting Assistant Attorney General Jane Roe of the Criminal Division", "Trial Attorney Jane Roe and Assistant
    // Chief John Doe of the Fraud Section", "Commanding General of the Army Materiel Command": a title, perhaps names,
    // then the organisation they serve. The names are people and the part after "of"/"for" is the organisation.
    private bool SplitTitledRun(string text, List<Token> tokens, int from, int to, Sentence sentence, List<Mention> mentions)
    {
        var titleEnd = titles.TitleEnd(tokens, from, to);
        if (titleEnd <= from || titleEnd >= to || tokens[titleEnd].Kind == TokenKind.Possessive)
        {
            return false;
        }

        var connector = -1;
        for (var k = titleEnd; k < to; k++)
        {
            if (tokens[k].Text is "of" or "for" or "at")
            {
                connector = k;
                break;
            }
        }

        if (connector < 0)
        {
            return false;
        }

        var orgStart = connector + 1;
        if (orgStart < to && tokens[orgStart].Text == "the")
        {
            orgStart++;
        }

        if (orgStart >= to)
        {
            return false;
        }

        // "Inspector General for the Department of Defense" names the inspector general's office itself.
        var title = TitlePhrases.TitleText(tokens, from, titleEnd);
        if (connector == titleEnd && title.EndsWith("inspector general", StringComparison.Ordinal))
        {
            Add(mentions, tokens, from, to, text, EntityKind.Organisation, sentence, MentionStrength.Strong);
            return true;
        }

        for (var k = titleEnd; k < connector; k++)
        {
            if (lexicon.OrgCues.Contains(tokens[k].Text))
            {
                return false;
            }
        }

        if (connector > titleEnd)
        {
            ClassifyRun(text, tokens, from, connector, IsSentenceInitial(tokens, from), sentence, mentions);
        }

        ClassifyRun(text, tokens, orgStart, to, false, sentence, mentions);
        return true;
    }

    // "Defense Criminal Investigative Service of the Inspector General's Office", "Atlanta Field Office of the Antitrust
    // Division": two complete organisation names joined by "of the" are a unit and its parent, two entities.
    private bool SplitNestedOrganisations(string text, List<Token> tokens, int from, int to, Sentence sentence, List<Mention> mentions)
    {
        for (var k = from + 2; k + 2 < to; k++)
        {
            if (tokens[k].Text is not ("of" or "for") || tokens[k + 1].Text != "the")
            {
                continue;
            }

            if (CompleteOrganisation(tokens, from, k) && HasCue(tokens, k + 2, to))
            {
                ClassifyRun(text, tokens, from, k, IsSentenceInitial(tokens, from), sentence, mentions);
                ClassifyRun(text, tokens, k + 2, to, false, sentence, mentions);
                return true;
            }
        }

        return false;
    }

    // A cue word and at least one name word besides it ("Defense Criminal Investigative Service", not "U.S. Department").
    private bool CompleteOrganisation(List<Token> tokens, int from, int to)
    {
        var cue = false;
        var names = 0;
        for (var k = from; k < to; k++)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Word || Connectors.Contains(t.Text))
            {
                continue;
            }

            if (lexicon.OrgCues.Contains(t.Text))
            {
                cue = true;
            }
            else if (t.Text is not ("U.S." or "US" or "The"))
            {
                names++;
            }
        }

        return cue && names > 0;
    }

    internal bool HasCue(List<Token> tokens, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (lexicon.OrgCues.Contains(tokens[k].Text))
            {
                return true;
            }
        }

        return false;
    }

    // "Oslo-based", "state-owned", "Nasdaq-listed" describe the organisation; they are not part of its name.
    private static bool IsLocativeModifier(string word) =>
        word.EndsWith("-based", StringComparison.Ordinal) || word.EndsWith("-owned", StringComparison.Ordinal)
        || word.EndsWith("-backed", StringComparison.Ordinal) || word.EndsWith("-listed", StringComparison.Ordinal)
        || word.EndsWith("-registered", StringComparison.Ordinal) || word.EndsWith("-funded", StringComparison.Ordinal);

    private static int IndexOfConnector(List<Token> tokens, int from, int to)
    {
        for (var k = from + 1; k < to - 1; k++)
        {
            if (Connectors.Contains(tokens[k].Text))
            {
                return k;
            }
        }

        return -1;
    }

    private bool TryOrganisation(string text, List<Token> tokens, int from, int to, Sentence sentence, List<Mention> mentions)
    {
        var hasCue = false;
        for (var k = from; k < to; k++)
        {
            if (lexicon.OrgCues.Contains(tokens[k].Text) && !(k == from && to - from == 1))
            {
                hasCue = true;
            }
        }

        if (!hasCue)
        {
            return false;
        }

        // "Acme Corp and Beta Ltd", "Treasury and FBI": "and" joins two names unless it sits inside one
        // ("Securities and Exchange Commission": no cue before "and", and no known name on either side).
        for (var k = from + 1; k < to - 1; k++)
        {
            if (tokens[k].Text is not ("and" or "&"))
            {
                continue;
            }

            var left = text[tokens[from].Start..tokens[k - 1].End];
            var right = text[tokens[k + 1].Start..tokens[to - 1].End];
            var leftHasCue = false;
            for (var j = from; j < k; j++)
            {
                leftHasCue |= lexicon.OrgCues.Contains(tokens[j].Text);
            }

            // ... and the right side must be a name on its own: "Committee on Oversight and Reform" is one name.
            var rightStandsAlone = HasCue(tokens, k + 1, to) || IsKnownName(right) || tokens[k + 1].IsAllCaps || lexicon.GivenNames.Contains(tokens[k + 1].Text)
                || titles.TitleEnd(tokens, k + 1, to) > k + 1;
            if ((leftHasCue || IsKnownName(left) || tokens[from].IsAllCaps) && rightStandsAlone || IsKnownName(left) && IsKnownName(right))
            {
                ClassifyRun(text, tokens, from, k, IsSentenceInitial(tokens, from), sentence, mentions);
                ClassifyRun(text, tokens, k + 1, to, false, sentence, mentions);
                return true;
            }
        }

        // "Army Secretary Jane Roe", "Acme Chief Executive John Doe": an organisation, a title, then a person.
        for (var k = from + 1; k < to - 1; k++)
        {
            var titleEndAt = titles.TitleEnd(tokens, k, to);
            if (titleEndAt > k && titleEndAt < to && titles.TitleRole(tokens, k, titleEndAt) != RoleClass.Honorific
                && !lexicon.OrgCues.Contains(tokens[titleEndAt].Text) && tokens[titleEndAt].IsCapitalised
                && !Connectors.Contains(tokens[k - 1].Text) && !lexicon.TitleFirstWords.Contains(tokens[titleEndAt].Text))
            {
                var orgHasCue = false;
                for (var j = from; j < k; j++)
                {
                    orgHasCue |= lexicon.OrgCues.Contains(tokens[j].Text) || KnownOrganisation(tokens[j].Text) is not null;
                }

                if (orgHasCue)
                {
                    ClassifyRun(text, tokens, from, k, IsSentenceInitial(tokens, from), sentence, mentions);
                    ClassifyName(text, tokens, k, to, false, sentence, mentions, null);
                    return true;
                }
            }
        }

        var start = from;
        var titleEnd = titles.TitleEnd(tokens, start, to);
        // A leading title is stripped ("Chief Executive Acme Corp"), but a one-word title may begin the name itself
        // ("General Services Administration", "Major Procurement Fraud Unit").
        if (titleEnd > start && titleEnd < to && !lexicon.OrgCues.Contains(tokens[start].Text) && tokens[titleEnd].Kind != TokenKind.Possessive
            && (titleEnd - start > 1 || tokens[start].Text.EndsWith('.')))
        {
            start = titleEnd;
        }

        var end = to;
        while (end > start + 1 && lexicon.NotEntities.Contains(tokens[end - 1].Text.ToLowerInvariant()))
        {
            end--;
        }

        Add(mentions, tokens, start, end, text, EntityKind.Organisation, sentence, MentionStrength.Strong);
        return true;
    }

    private bool IsKnownName(string phrase) => KnownOrganisation(phrase) is not null;

    // Exact forms first (cheap); the normalised key only for phrases with punctuation or odd case.
    internal string? KnownOrganisation(string phrase)
    {
        if (lexicon.OrganisationForms.TryGetValue(phrase, out var canonical))
        {
            return canonical;
        }

        foreach (var c in phrase)
        {
            if (!char.IsLetterOrDigit(c) && c != ' ')
            {
                return lexicon.Organisations.TryGetValue(NameKey.Normalise(phrase), out canonical) ? canonical : null;
            }
        }

        return null;
    }

    internal static void Add(List<Mention> mentions, List<Token> tokens, int from, int to, string text, EntityKind kind, Sentence sentence,
        MentionStrength strength, string? canonical = null, RoleClass? role = null)
    {
        while (to > from && tokens[to - 1].Kind == TokenKind.Punctuation)
        {
            to--;
        }

        if (to <= from)
        {
            return;
        }

        var start = tokens[from].Start;
        var end = tokens[to - 1].End;
        var surface = text[start..end];
        mentions.Add(new Mention(start, end, surface, kind, sentence.Index, strength)
        {
            Canonical = canonical,
            Role = role,
            InHeading = sentence.IsHeading,
            SentenceInitial = IsSentenceInitial(tokens, from),
        });
    }
}
