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
    // Patterns run on sentences of at most SentenceSegmenter.MaxSentenceLength characters with bounded quantifiers;
    // the timeout is a safety net, and the extractor skips a sentence or stage that hits it.
    private const int MatchTimeoutMs = RegexLimits.MatchTimeoutMs;

    private const int MaxNameWords = 4;
    private const int MaxRunTokens = 16;

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

    private static readonly FrozenSet<string> AnaphorNouns = new[]
    {
        "company", "firm", "authority", "foundation", "regulator", "department", "commission", "committee", "centre", "center",
        "agency", "ministry", "group", "bank", "council", "board", "office", "fund", "institute", "university", "watchdog",
        "alliance", "party", "charity", "trust", "lender", "insurer", "carrier", "airline", "bureau", "service", "union",
    }.ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:(?<chamber>Senate|House) (?<party>Democrats|Republicans)|(?<adj>Democratic|Republican|GOP) (?<who>senators|lawmakers|congressmen|congresswomen|representatives))\b", RegexOptions.CultureInvariant, MatchTimeoutMs)]
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

            // "U.S. Attorney's Office for the District of Columbia": an office named after its head's title.
            if (end + 1 < tokens.Count && tokens[end].Kind == TokenKind.Possessive && tokens[end + 1].IsCapitalised && EndsWithTitle(tokens, i, end)
                && lexicon.OrgCues.Contains(tokens[end + 1].Text))
            {
                end = RunEnd(tokens, end + 1);
            }

            var runStart = tokens[i].Start;
            var runEnd = tokens[end - 1].End;
            if (!Overlaps(mentions, firstMention, caucusEnd, runStart, runEnd))
            {
                ClassifyRun(text, tokens, i, end, IsSentenceInitial(tokens, i), sentence, mentions);
            }

            i = end;
        }

        FindAnaphors(tokens, sentence, mentions);
        TypeSingles(tokens, mentions, caucusEnd, sentence);
        MergeInspectorGeneral(text, tokens, mentions, firstMention);
        mentions.Sort(firstMention, mentions.Count - firstMention, Comparer<Mention>.Create((a, b) => a.Start.CompareTo(b.Start)));
    }

    /// <summary>
    /// Drops acronyms that a document defines as something other than an organisation: "indefinite-delivery,
    /// indefinite-quantity (IDIQ)", "Foreign Corrupt Practices Act (FCPA)". An acronym in parentheses right after an
    /// organisation's name ("Internal Revenue Service (IRS)") stays an organisation.
    /// </summary>
    public static void DropAcronymsDefinedAsOtherThings(string text, List<Mention> mentions)
    {
        HashSet<string>? defined = null;
        HashSet<string>? organisations = null;
        foreach (var mention in mentions)
        {
            if (mention.Kind != EntityKind.Organisation || mention.Canonical is not null || mention.Start < 2 || mention.End >= text.Length
                || text[mention.Start - 1] != '(' || text[mention.End] != ')' || !IsAcronym(mention.Text))
            {
                continue;
            }

            var namedBefore = false;
            foreach (var other in mentions)
            {
                namedBefore |= other.Kind == EntityKind.Organisation && other.End <= mention.Start - 1 && other.End >= mention.Start - 3 && !IsAcronym(other.Text);
            }

            if (namedBefore)
            {
                (organisations ??= new HashSet<string>(StringComparer.Ordinal)).Add(mention.Text);
            }
            else
            {
                (defined ??= new HashSet<string>(StringComparer.Ordinal)).Add(mention.Text);
            }
        }

        if (defined is not null)
        {
            defined.ExceptWith(organisations ?? []);
            mentions.RemoveAll(m => m.Kind == EntityKind.Organisation && m.Canonical is null && defined.Contains(m.Text));
        }
    }

    private static bool IsAcronym(string text) => text.Length >= 2 && text.All(c => char.IsUpper(c) || c is '.' or '&');

    private static void FindCaucuses(string text, Sentence sentence, List<Mention> mentions)
    {
        var span = text.AsSpan(sentence.Start, sentence.Length);
        if (!span.Contains("Democrat", StringComparison.Ordinal) && !span.Contains("Republican", StringComparison.Ordinal) && !span.Contains("GOP", StringComparison.Ordinal))
        {
            return;
        }

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

    // "the company", "the regulator's", and "its" before a title point back to an organisation.
    private void FindAnaphors(List<Token> tokens, Sentence sentence, List<Mention> mentions)
    {
        for (var k = 0; k + 1 < tokens.Count; k++)
        {
            var t = tokens[k];
            if (t.Text is "the" or "The" && tokens[k + 1].Kind == TokenKind.Word && AnaphorNouns.Contains(tokens[k + 1].Text))
            {
                var next = k + 2 < tokens.Count ? tokens[k + 2] : default;
                if (next.Kind == TokenKind.Word && next.Text is not null && (next.Text is "of" or "for" || next.IsCapitalised))
                {
                    continue;
                }

                mentions.Add(new Mention(t.Start, tokens[k + 1].End, tokens[k + 1].Text, EntityKind.Organisation, sentence.Index, MentionStrength.Anaphor)
                {
                    InHeading = sentence.IsHeading,
                });
            }
            else if (t.Text is "its" or "Its" or "their" or "Their" && TitleAt(tokens, k + 1))
            {
                mentions.Add(new Mention(t.Start, t.End, t.Text, EntityKind.Organisation, sentence.Index, MentionStrength.Anaphor)
                {
                    InHeading = sentence.IsHeading,
                });
            }
        }
    }

    private bool TitleAt(List<Token> tokens, int k)
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

    // A run is capitalised words, joined by connectors ("of", "and") only when a capitalised word follows.
    private int RunEnd(List<Token> tokens, int i)
    {
        var end = i + 1;
        if (end < tokens.Count && tokens[end].Text == "." && KeepsDot(tokens[i].Text))
        {
            end++;
        }

        // Names are short; a capitalised run longer than this is a title-case line or noise, and capping it keeps
        // classification linear on adversarial input ("Bank and Bank and Bank ..." for a megabyte).
        while (end < tokens.Count && end - i < MaxRunTokens)
        {
            var t = tokens[end];
            if (t.IsCapitalised || (t.Kind == TokenKind.Word && t.IsAllCaps))
            {
                end++;
                if (end < tokens.Count && tokens[end].Text == "." && KeepsDot(t.Text))
                {
                    end++;
                }

                continue;
            }

            // "U.S. District Court in Brooklyn": a court is named with its seat.
            if (t.Text == "in" && tokens[end - 1].Text == "Court" && end + 1 < tokens.Count && tokens[end + 1].IsCapitalised)
            {
                end += 2;
                continue;
            }

            if (t.Kind == TokenKind.Word && Connectors.Contains(t.Text) && end + 1 < tokens.Count)
            {
                var after = end + 1;
                if (tokens[after].Text == "the" && after + 1 < tokens.Count && t.Text is "of" or "for" or "on")
                {
                    after++;
                }

                if (tokens[after].IsCapitalised && !lexicon.NotEntities.Contains(tokens[after].Text.ToLowerInvariant()))
                {
                    end = after + 1;
                    continue;
                }
            }

            break;
        }

        return end;
    }

    private bool IsTitle(string word) => lexicon.Titles.ContainsKey(word.ToLowerInvariant());

    private bool EndsWithTitle(List<Token> tokens, int from, int to)
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
    private bool KeepsDot(string word) =>
        (word.Length == 1 && char.IsUpper(word[0])) || word is "Jr" or "Sr" or "Co" || IsTitle(word + ".");

    private static bool IsInitial(Token token) => token.Kind == TokenKind.Word && token.Text.Length == 1 && char.IsUpper(token.Text[0]);

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

        // A run joined by connectors that is not one organisation is several names ("Jane Roe and John Doe").
        var connector = IndexOfConnector(tokens, from, to);
        if (connector >= 0)
        {
            var titleEnd = TitleEnd(tokens, from, to);
            var title = titleEnd > from ? TitleRole(tokens, from, titleEnd) : (RoleClass?)null;
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
        var titleEnd = TitleEnd(tokens, from, to);
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
        var title = TitleText(tokens, from, titleEnd);
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

    private bool HasCue(List<Token> tokens, int from, int to)
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
                || TitleEnd(tokens, k + 1, to) > k + 1;
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
            var titleEndAt = TitleEnd(tokens, k, to);
            if (titleEndAt > k && titleEndAt < to && TitleRole(tokens, k, titleEndAt) != RoleClass.Honorific
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
        var titleEnd = TitleEnd(tokens, start, to);
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
    private string? KnownOrganisation(string phrase)
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

    private int TitleEnd(List<Token> tokens, int from, int to)
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
    private RoleClass TitleRole(List<Token> tokens, int from, int to)
    {
        while (!lexicon.Titles.ContainsKey(TitleText(tokens, from, to)) && from + 1 < to)
        {
            from++;
        }

        return lexicon.Titles[TitleText(tokens, from, to)];
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
            title = TitleRole(tokens, from, titleEnd);
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
;

    private RoleClass? TitleBefore(List<Token> tokens, int from)
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
            if (!(string.Equals(tokens[k].Text, "Inspector", StringComparison.OrdinalIgnoreCase) && string.Equals(tokens[k + 1].Text, "General", StringComparison.OrdinalIgnoreCase)))
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
            SentenceInitial = IsSentenceInitial(tokens, from),
        });
    }
}
