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

    private const int MaxRunTokens = 16;

    private readonly TitlePhrases _titles = new(lexicon);

    private readonly RunClassifier _runs = new(lexicon, new TitlePhrases(lexicon));

    private readonly FrozenSet<string> _personPossessed = lexicon.ContextWords("person-possessed");

    private readonly FrozenSet<string> _personRelationNouns = lexicon.ContextWords("person-relation-nouns");

    private readonly FrozenSet<string> _personFollowers = lexicon.ContextWords("person-followers");

    private readonly FrozenSet<string> _orgFollowers = lexicon.ContextWords("organisation-followers");

    private readonly FrozenSet<string> _orgPreceders = lexicon.ContextWords("organisation-preceders");

    private readonly FrozenSet<string> _orgAppositiveHeads = lexicon.ContextWords("organisation-appositive-heads");

    private readonly FrozenSet<string> _anaphorNouns = lexicon.ContextWords("anaphor-nouns");

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
            if (end + 1 < tokens.Count && tokens[end].Kind == TokenKind.Possessive && tokens[end + 1].IsCapitalised && _titles.EndsWithTitle(tokens, i, end)
                && lexicon.OrgCues.Contains(tokens[end + 1].Text))
            {
                end = RunEnd(tokens, end + 1);
            }

            var runStart = tokens[i].Start;
            var runEnd = tokens[end - 1].End;
            if (!Overlaps(mentions, firstMention, caucusEnd, runStart, runEnd))
            {
                _runs.ClassifyRun(text, tokens, i, end, RunClassifier.IsSentenceInitial(tokens, i), sentence, mentions);
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
            // "the Department's Antitrust Division": formal texts capitalise the noun that stands for a named body.
            if (t.Text is "the" or "The" && tokens[k + 1].Kind == TokenKind.Word
                && (_anaphorNouns.Contains(tokens[k + 1].Text) || (tokens[k + 1].IsCapitalised && _anaphorNouns.Contains(tokens[k + 1].Text.ToLowerInvariant()))))
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
            else if (t.Text is "its" or "Its" or "their" or "Their" && _titles.TitleAt(tokens, k + 1))
            {
                mentions.Add(new Mention(t.Start, t.End, t.Text, EntityKind.Organisation, sentence.Index, MentionStrength.Anaphor)
                {
                    InHeading = sentence.IsHeading,
                });
            }
        }
    }

    // A run is capitalised words, joined by connectors ("of", "and") only when a capitalised word follows.
    private int RunEnd(List<Token> tokens, int i)
    {
        var end = i + 1;
        if (end < tokens.Count && tokens[end].Text == "." && _titles.KeepsDot(tokens[i].Text))
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
                if (end < tokens.Count && tokens[end].Text == "." && _titles.KeepsDot(t.Text))
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

            // "Ahmed al-Rashid", "Omar el-Sayed": an Arabic family name's article is written in lower case
            if (t.Kind == TokenKind.Word && t.Text.Length > 3 && t.Text[2] == '-' && t.Text[0] is 'a' or 'e' && t.Text[1] == 'l' && char.IsUpper(t.Text[3]))
            {
                end++;
                continue;
            }

            // "Pieter van der Berg": particles of a family name carry the run to its capitalised last word
            if (t.Kind == TokenKind.Word && lexicon.RunParticles.Contains(t.Text))
            {
                var after = end;
                while (after < tokens.Count && after - end < 3 && lexicon.RunParticles.Contains(tokens[after].Text))
                {
                    after++;
                }

                if (after > end && after < tokens.Count && tokens[after].IsCapitalised)
                {
                    end = after + 1;
                    continue;
                }
            }

            if (t.Kind == TokenKind.Word && RunClassifier.Connectors.Contains(t.Text) && end + 1 < tokens.Count)
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
        if (next.Kind == TokenKind.Possessive && afterNext.Text is not null && _personPossessed.Contains(afterNext.Text.ToLowerInvariant()))
        {
            return EntityKind.Person;
        }

        if (previous.Text is not null && _personRelationNouns.Contains(previous.Text.ToLowerInvariant()))
        {
            return EntityKind.Person;
        }

        if (next.Text is not null && _personFollowers.Contains(next.Text))
        {
            return EntityKind.Person;
        }

        if (sentence.IsHeading)
        {
            return null;
        }

        if (next.Kind == TokenKind.Word && next.Text is not null && _orgFollowers.Contains(next.Text.ToLowerInvariant()))
        {
            return EntityKind.Organisation;
        }

        if (previous.Kind == TokenKind.Word && previous.Text is not null && _orgPreceders.Contains(previous.Text.ToLowerInvariant()))
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

                if (t.Kind == TokenKind.Word && char.IsLower(t.Text[0]) && _titles.PersonAppositive(t.Text))
                {
                    return EntityKind.Person;
                }

                if (t.Kind == TokenKind.Word && char.IsLower(t.Text[0]) && _orgAppositiveHeads.Contains(t.Text))
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
}
