using System.Collections.Frozen;
using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Mentions;

/// <summary>
/// Finds spans that name people and organisations: capitalised sequences classified with the lexicons (given
/// names, organisation cue words, titles, well-known organisations, acronyms), plus a few lower-case phrases
/// that name groups ("Democratic senators"). Single capitalised words are typed by their context or left as
/// candidates for the resolver.
/// </summary>
internal sealed partial class MentionFinder(Lexicon lexicon)
{
    private const int MaxNameWords = 4;

    private static readonly FrozenSet<string> Connectors = new[] { "of", "for", "on", "and", "&", "the", "de", "du", "la", "von", "van", "der" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PersonPossessed = new[]
    {
        "victory", "campaign", "administration", "presidency", "election", "re-election", "inauguration", "wife", "husband",
        "son", "daughter", "brother", "sister", "father", "mother", "lawyer", "lawyers", "attorney", "attorneys", "spokesman",
        "spokeswoman", "spokesperson", "aide", "aides", "family", "cabinet", "transition", "tweets", "tweet", "speech", "allies",
        "ally", "friend", "friends", "girlfriend", "boyfriend", "fortune", "testimony", "resignation", "death", "birthday",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PersonRelationNouns = new[]
    {
        "buddy", "pal", "friend", "ally", "wife", "husband", "son", "daughter", "brother", "sister", "father", "mother",
        "aide", "adviser", "advisor", "mentor", "protégé", "protege", "colleague", "associate", "confidant", "lawyer",
        "attorney", "nephew", "niece", "cousin", "uncle", "aunt", "rival", "successor", "predecessor",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SpeechVerbs = new[]
    {
        "said", "says", "told", "added", "wrote", "argued", "explained", "testified", "denied", "resigned", "tweeted", "insisted", "admitted", "claimed",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PersonFollowers = new[] { "himself", "herself" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> OrgFollowers = new[]
    {
        "execs", "executives", "employees", "staff", "staffers", "shareholders", "investors", "stock", "shares", "spokesperson",
        "spokesman", "spokeswoman", "headquarters", "subsidiary", "engineers", "insiders", "board", "ceo", "founder",
        "revenue", "revenues", "profits", "profit", "workforce", "stockholders", "bosses",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> OrgPreceders = new[]
    {
        "company", "firm", "startup", "start-up", "carmaker", "automaker", "contractor", "manufacturer", "conglomerate",
        "lender", "insurer", "retailer", "broadcaster", "operator", "supplier", "provider", "subsidiary", "competitor",
        "contractors", "companies", "firms", "rivals",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> OrgAppositiveHeads = new[]
    {
        "partner", "company", "firm", "rival", "operator", "provider", "maker", "contractor", "startup", "giant", "group",
        "bank", "carrier", "manufacturer", "supplier", "agency", "subsidiary", "conglomerate", "competitor", "lender",
        "developer", "consultancy", "insurer", "retailer", "broadcaster", "publisher", "outlet", "airline", "charity",
        "nonprofit", "non-profit", "organisation", "organization", "owner", "parent", "unit",
    }.ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:(?<chamber>Senate|House) (?<party>Democrats|Republicans)|(?<adj>Democratic|Republican|GOP) (?<who>senators|lawmakers|congressmen|congresswomen|representatives))\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex CaucusPattern();

    /// <summary>Finds the mentions of one sentence.</summary>
    public void Find(string text, Sentence sentence, List<Mention> mentions)
    {
        var tokens = Tokenizer.Tokenize(text, sentence.Start, sentence.End);
        var firstMention = mentions.Count;
        FindCaucuses(text, sentence, mentions);
        var caucusEnd = mentions.Count;

        var i = 0;
        while (i < tokens.Count)
        {
            if (!tokens[i].IsCapitalised)
            {
                i++;
                continue;
            }

            var end = RunEnd(tokens, i);
            var runStart = tokens[i].Start;
            var runEnd = tokens[end - 1].End;
            if (!Overlaps(mentions, firstMention, caucusEnd, runStart, runEnd))
            {
                ClassifyRun(text, tokens, i, end, IsSentenceInitial(tokens, i), sentence, mentions);
            }

            i = end;
        }

        TypeSingles(tokens, mentions, caucusEnd, sentence);
        MergeInspectorGeneral(text, tokens, mentions, firstMention);
    }

    private static void FindCaucuses(string text, Sentence sentence, List<Mention> mentions)
    {
        foreach (Match match in CaucusPattern().Matches(text.Substring(sentence.Start, sentence.Length)))
        {
            string canonical;
            if (match.Groups["chamber"].Success)
            {
                canonical = match.Value;
            }
            else
            {
                var party = match.Groups["adj"].Value == "Democratic" ? "Democrats" : "Republicans";
                var chamber = match.Groups["who"].Value switch
                {
                    "senators" => "Senate",
                    "lawmakers" => "Congressional",
                    _ => "House",
                };
                canonical = chamber + " " + party;
            }

            var start = sentence.Start + match.Index;
            mentions.Add(new Mention(start, start + match.Length, match.Value, EntityKind.Organisation, sentence.Index, MentionStrength.Strong)
            {
                Canonical = canonical,
                InHeading = sentence.IsHeading,
            });
        }
    }

    // A run is capitalised words, joined by connectors ("of", "and") only when a capitalised word follows.
    private int RunEnd(List<Token> tokens, int i)
    {
        var end = i + 1;
        if (end < tokens.Count && tokens[end].Text == "." && IsTitle(tokens[i].Text + "."))
        {
            end++;
        }

        while (end < tokens.Count)
        {
            var t = tokens[end];
            if (t.IsCapitalised || (t.Kind == TokenKind.Word && t.IsAllCaps))
            {
                end++;
                if (end < tokens.Count && tokens[end].Text == "." && IsTitle(t.Text + "."))
                {
                    end++;
                }

                continue;
            }

            if (t.Kind == TokenKind.Word && Connectors.Contains(t.Text) && end + 1 < tokens.Count && tokens[end + 1].IsCapitalised)
            {
                end += 2;
                continue;
            }

            break;
        }

        return end;
    }

    private bool IsTitle(string word) => lexicon.Titles.ContainsKey(word.ToLowerInvariant());

    private static bool IsSentenceInitial(List<Token> tokens, int i)
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

    private void ClassifyRun(string text, List<Token> tokens, int from, int to, bool sentenceInitial, Sentence sentence, List<Mention> mentions)
    {
        while (from < to && (tokens[from].Text is "The" or "A" or "An" || tokens[from].Kind == TokenKind.Punctuation))
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

        if (lexicon.Organisations.TryGetValue(NameKey.Normalise(phrase), out var known))
        {
            Add(mentions, tokens, from, to, text, EntityKind.Organisation, sentence, MentionStrength.Strong, canonical: known);
            return;
        }

        if (TryOrganisation(text, tokens, from, to, sentence, mentions))
        {
            return;
        }

        // A run joined by connectors that is not one organisation is several names ("Putin and Musk").
        var connector = IndexOfConnector(tokens, from, to);
        if (connector >= 0)
        {
            var titleEnd = TitleEnd(tokens, from, to);
            var title = titleEnd > from ? lexicon.Titles[TitleText(tokens, from, titleEnd)] : (RoleClass?)null;
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
        // The organisation ends at its last cue word ("Justice Department" in "Justice Department Friday").
        var lastCue = -1;
        for (var k = from; k < to; k++)
        {
            if (lexicon.OrgCues.Contains(tokens[k].Text) && !(k == from && to - from == 1))
            {
                lastCue = k;
            }
        }

        if (lastCue < 0)
        {
            return false;
        }

        // A connector-joined tail belongs to the organisation ("Department of Defense"); "and" only inside one name.
        var end = lastCue + 1;
        while (end < to)
        {
            if (tokens[end].Text == "and")
            {
                break;
            }

            if (Connectors.Contains(tokens[end].Text))
            {
                var next = end + 1;
                while (next < to && tokens[next].IsCapitalised && !Connectors.Contains(tokens[next].Text))
                {
                    next++;
                }

                if (next == end + 1)
                {
                    break;
                }

                end = next;
                continue;
            }

            break;
        }

        var start = from;
        for (var k = lastCue; k > from; k--)
        {
            if (tokens[k - 1].Text == "and" && !lexicon.OrgCues.Contains(tokens[lastCue].Text))
            {
                start = k;
                break;
            }
        }

        // A given name directly before the cue-led part is a separate person only when joined by "and".
        if (start > from)
        {
            ClassifyRun(text, tokens, from, start - 1, IsSentenceInitial(tokens, from), sentence, mentions);
        }

        var titleEnd = TitleEnd(tokens, start, end);
        if (titleEnd > start && titleEnd < end && !lexicon.OrgCues.Contains(tokens[start].Text))
        {
            start = titleEnd;
        }

        Add(mentions, tokens, start, end, text, EntityKind.Organisation, sentence, MentionStrength.Strong);
        if (end < to)
        {
            ClassifyRun(text, tokens, end, to, false, sentence, mentions);
        }

        return true;
    }

    private int TitleEnd(List<Token> tokens, int from, int to)
    {
        var best = from;
        var phrase = "";
        for (var k = from; k < to && k < from + 4; k++)
        {
            phrase = k == from ? tokens[k].Text : phrase + (tokens[k].Text == "." ? "" : " ") + tokens[k].Text;
            if (lexicon.Titles.ContainsKey(phrase.ToLowerInvariant()))
            {
                best = k + 1;
            }
        }

        return best;
    }

    private static string TitleText(List<Token> tokens, int from, int to)
    {
        var phrase = "";
        for (var k = from; k < to; k++)
        {
            phrase = k == from ? tokens[k].Text : phrase + (tokens[k].Text == "." ? "" : " ") + tokens[k].Text;
        }

        return phrase.ToLowerInvariant();
    }

    private void ClassifyName(string text, List<Token> tokens, int from, int to, bool sentenceInitial, Sentence sentence, List<Mention> mentions, RoleClass? inheritedTitle)
    {
        var titleEnd = TitleEnd(tokens, from, to);
        var title = inheritedTitle;
        if (titleEnd > from)
        {
            title = lexicon.Titles[TitleText(tokens, from, titleEnd)];
            from = titleEnd;
            sentenceInitial = false;
        }

        // Titles written before the run in lower case ("political scientist Jane Roe", "chief executive John Doe").
        title ??= TitleBefore(tokens, from);

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

        var givenName = lexicon.GivenNames.Contains(tokens[from].Text);
        if (givenName || title is not null)
        {
            Add(mentions, tokens, from, to, text, EntityKind.Person, sentence, MentionStrength.Strong, role: title);
            return;
        }

        if (FollowedByPersonCue(tokens, to))
        {
            Add(mentions, tokens, from, to, text, EntityKind.Person, sentence, MentionStrength.Strong);
            return;
        }

        if (sentenceInitial)
        {
            // "Enter Jane Roe", "Meanwhile Acme": the first word may be an ordinary word.
            ClassifyName(text, tokens, from + 1, to, false, sentence, mentions, null);
            return;
        }

        if (sentence.IsHeading || !AllNameLike(tokens, from, to))
        {
            return;
        }

        Add(mentions, tokens, from, to, text, EntityKind.Person, sentence, MentionStrength.Weak);
    }

    // "Jane Roe, a Acme analyst, ..." or "Jane Roe said": the name belongs to a person.
    private bool FollowedByPersonCue(List<Token> tokens, int to)
    {
        if (to >= tokens.Count)
        {
            return false;
        }

        if (SpeechVerbs.Contains(tokens[to].Text))
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

            if (t.Kind == TokenKind.Word && char.IsLower(t.Text[0]) && PersonAppositive(t.Text))
            {
                return true;
            }
        }

        return false;
    }

    private bool PersonAppositive(string word) =>
        lexicon.Titles.TryGetValue(word, out var role) && role != RoleClass.Owner && word is not ("head" or "chair" or "leader" or "member" or "partner" or "principal" or "major" or "general" or "boss")
        || word is "aged" or "whose" or "who";

    private RoleClass? TitleBefore(List<Token> tokens, int from)
    {
        for (var length = 1; length <= 3 && from - length >= 0; length++)
        {
            var phrase = TitleText(tokens, from - length, from);
            if (lexicon.Titles.TryGetValue(phrase, out var role))
            {
                return role;
            }
        }

        return null;
    }

    private bool AllNameLike(List<Token> tokens, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Word || t.IsAllCaps || t.Text.Length < 2 || lexicon.Places.Contains(t.Text.ToLowerInvariant())
                || lexicon.NotEntities.Contains(t.Text.ToLowerInvariant()))
            {
                return false;
            }
        }

        return true;
    }

    private void ClassifySingle(List<Token> tokens, int from, int to, string text, Sentence sentence, List<Mention> mentions, RoleClass? title)
    {
        var token = tokens[from];
        if (lexicon.Organisations.TryGetValue(NameKey.Normalise(token.Text), out var known))
        {
            Add(mentions, tokens, from, to, text, EntityKind.Organisation, sentence, MentionStrength.Strong, canonical: known);
            return;
        }

        if (token.IsAllCaps)
        {
            var letters = token.Text.Replace(".", "", StringComparison.Ordinal);
            if (letters.Length is >= 2 and <= 6 && !lexicon.AcronymStoplist.Contains(letters) && !lexicon.AcronymStoplist.Contains(token.Text)
                && !IsShoutedLine(tokens))
            {
                Add(mentions, tokens, from, to, text, EntityKind.Organisation, sentence, MentionStrength.Strong);
            }

            return;
        }

        if (title is not null && title != RoleClass.Staff || title == RoleClass.Staff && TitleBefore(tokens, from) is null)
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

    // Single capitalised words get a type from the words around them.
    private void TypeSingles(List<Token> tokens, List<Mention> mentions, int from, Sentence sentence)
    {
        for (var m = from; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            if (mention.Strength != MentionStrength.Candidate || lexicon.Places.Contains(mention.Text.ToLowerInvariant()))
            {
                continue;
            }

            var k = tokens.FindIndex(t => t.Start == mention.Start);
            if (k < 0)
            {
                continue;
            }

            var kind = ContextKind(tokens, k, sentence);
            if (kind is { } typed)
            {
                mentions[m] = mention with { Kind = typed, Strength = MentionStrength.Contextual };
            }
        }
    }

    private EntityKind? ContextKind(List<Token> tokens, int k, Sentence sentence)
    {
        var next = k + 1 < tokens.Count ? tokens[k + 1] : default;
        var afterNext = k + 2 < tokens.Count ? tokens[k + 2] : default;
        var previous = k > 0 ? tokens[k - 1] : default;
        if (next.Kind == TokenKind.Possessive && afterNext.Text is not null && PersonPossessed.Contains(afterNext.Text.ToLowerInvariant()))
        {
            return EntityKind.Person;
        }

        if (previous.Text is not null && PersonRelationNouns.Contains(previous.Text.ToLowerInvariant()))
        {
            return EntityKind.Person;
        }

        if (next.Text is not null && PersonFollowers.Contains(next.Text))
        {
            return EntityKind.Person;
        }

        if (sentence.IsHeading)
        {
            return null;
        }

        if (next.Kind == TokenKind.Word && next.Text is not null && OrgFollowers.Contains(next.Text.ToLowerInvariant()))
        {
            return EntityKind.Organisation;
        }

        if (previous.Kind == TokenKind.Word && previous.Text is not null && OrgPreceders.Contains(previous.Text.ToLowerInvariant()))
        {
            return EntityKind.Organisation;
        }

        // Apposition: "X, the European satellite operator".
        if (next.Text == ",")
        {
            for (var j = k + 2; j < tokens.Count && j <= k + 7; j++)
            {
                var t = tokens[j];
                if (t.Kind == TokenKind.Punctuation)
                {
                    break;
                }

                if (t.Kind == TokenKind.Word && char.IsLower(t.Text[0]) && PersonAppositive(t.Text))
                {
                    return EntityKind.Person;
                }

                if (t.Kind == TokenKind.Word && char.IsLower(t.Text[0]) && OrgAppositiveHeads.Contains(t.Text))
                {
                    var isSubjectOfClause = j + 1 < tokens.Count && tokens[j + 1].Text is "of" or "for";
                    return isSubjectOfClause && tokens[j].Text is "owner" or "partner" ? null : EntityKind.Organisation;
                }
            }
        }

        return null;
    }

    // "the Defense Department's Inspector General", "Inspector General of the Navy": the inspector general's office.
    private static void MergeInspectorGeneral(string text, List<Token> tokens, List<Mention> mentions, int from)
    {
        for (var k = 0; k + 1 < tokens.Count; k++)
        {
            if (!(tokens[k].Text == "Inspector" && tokens[k + 1].Text == "General"))
            {
                continue;
            }

            // "Inspector General Jane Roe" is a person with a title, not the office.
            if (k + 2 < tokens.Count && tokens[k + 2].IsCapitalised)
            {
                continue;
            }

            var igStart = tokens[k].Start;
            var igEnd = tokens[k + 1].End;
            var owner = -1;
            for (var m = from; m < mentions.Count; m++)
            {
                var mention = mentions[m];
                if (mention.Kind != EntityKind.Organisation)
                {
                    continue;
                }

                var between = text[mention.End..Math.Max(mention.End, igStart)].Trim();
                if (mention.End <= igStart && (between.Length == 0 || between is "'s" or "’s"))
                {
                    owner = m;
                }
            }

            if (owner < 0)
            {
                continue;
            }

            var org = mentions[owner];
            var ownerName = org.Canonical ?? org.Name;
            mentions[owner] = new Mention(org.Start, igEnd, text[org.Start..igEnd], EntityKind.Organisation, org.Sentence, MentionStrength.Strong)
            {
                Canonical = ownerName + " Office of Inspector General",
                InHeading = org.InHeading,
            };
        }
    }

    private static bool Overlaps(List<Mention> mentions, int from, int to, int start, int end)
    {
        for (var m = from; m < to; m++)
        {
            if (mentions[m].Start < end && start < mentions[m].End)
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(List<Mention> mentions, List<Token> tokens, int from, int to, string text, EntityKind kind, Sentence sentence,
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
        });
    }
}
