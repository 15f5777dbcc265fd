using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Mentions;
using RelationGraph.Core.Extraction.Segmentation;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Resolution;

// What the text around the names says: weak "people" that the text calls "its", "the company" and "its" pointing
// back to an organisation, and nicknames the text ties to a person.
internal sealed partial class EntityResolver
{
    // A capitalised pair without a given name is filed as a person; "Skyward Aeronautics ... its costs" says otherwise.
    private static void RetypeWeakPeople(string text, IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities, int[] assignment,
        Dictionary<(EntityKind, string), int> byKey)
    {
        // Each entity's mentions, listed once, so the pass is linear in the number of mentions.
        var byEntity = new List<int>?[entities.Count];
        for (var m = 0; m < mentions.Count; m++)
        {
            if (assignment[m] >= 0 && assignment[m] < byEntity.Length)
            {
                (byEntity[assignment[m]] ??= []).Add(m);
            }
        }

        for (var e = 0; e < byEntity.Length; e++)
        {
            var entity = entities[e];
            if (entity.Kind != EntityKind.Person || byEntity[e] is not { } own || !own.Any(m => mentions[m].Strength == MentionStrength.Weak))
            {
                continue;
            }

            int its = 0, his = 0, weak = 0, strong = 0;
            foreach (var m in own)
            {

                if (mentions[m].Strength == MentionStrength.Weak)
                {
                    weak++;
                }
                else if (mentions[m].Strength == MentionStrength.Strong)
                {
                    strong++;
                }

                var sentence = sentences[mentions[m].Sentence];
                var after = text.AsSpan(mentions[m].End, sentence.End - mentions[m].End);
                its += CountWord(after, "its");
                his += CountWord(after, "his") + CountWord(after, "her") + CountWord(after, "he") + CountWord(after, "she");
            }

            if (weak > 0 && strong == 0 && its > 0 && his == 0)
            {
                var organisation = new EntityDraft(EntityKind.Organisation, entity.Name);
                entities.Add(organisation);
                var index = entities.Count - 1;
                foreach (var m in own)
                {
                    assignment[m] = index;
                }

                byKey.Remove((EntityKind.Person, Key(entity.Name)));
                byKey[(EntityKind.Organisation, Key(entity.Name))] = index;
            }
        }
    }

    private static int CountWord(ReadOnlySpan<char> span, string word)
    {
        var count = 0;
        var at = 0;
        while (at < span.Length)
        {
            var found = span[at..].IndexOf(word, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            var start = at + found;
            var end = start + word.Length;
            if ((start == 0 || !char.IsLetter(span[start - 1])) && (end == span.Length || !char.IsLetter(span[end])))
            {
                count++;
            }

            at = end;
        }

        return count;
    }

    private static readonly string[] GovernmentWords =
        ["Department", "Ministry", "Office", "Agency", "Authority", "Commission", "Committee", "Council", "Police", "Court", "Senate",
         "Congress", "Parliament", "Bureau", "Administration", "Army", "Navy", "Force", "Regulation", "Regulator", "Inspector",
         "Directorate", "Command", "Ombudsman", "Prosecutor", "Prosecution", "Tribunal", "Inspectorate", "Secretariat", "Treasury",
         "Government", "Embassy", "Assembly", "Legislature", "Guard", "Sheriff"];

    /// <summary>Whether an organisation's name marks a public body ("Ministry of Works", "Coastal Logistics Command").</summary>
    internal static bool IsPublicBodyName(string name) => GovernmentWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    // "the company" → the latest company named before; "the authority" → the latest organisation with "Authority"
    // in its name; "its" → the organisation that leads the sentence, or the one that led a recent sentence.
    // A noun resolves only where one antecedent is clear: the latest fitting organisation is the only one named so
    // far, or it is the document's main one (named most often). Otherwise "the firm" could be either, and a guess puts a
    // fact on the wrong one, a false hop in every path through it.
    private static void ResolveAnaphors(IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities, int[] assignment)
    {
        var counts = new Dictionary<int, int>();
        foreach (var entity in assignment)
        {
            if (entity >= 0 && entity < entities.Count && entities[entity].Kind == EntityKind.Organisation)
            {
                counts[entity] = counts.GetValueOrDefault(entity) + 1;
            }
        }

        // organisations named so far, in order of first mention; a forward pass keeps this linear
        var namedSoFar = new List<int>();
        var named = new HashSet<int>();
        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            if (mention.Strength != MentionStrength.Anaphor)
            {
                if (assignment[m] >= 0 && entities[assignment[m]].Kind == EntityKind.Organisation && named.Add(assignment[m]))
                {
                    namedSoFar.Add(assignment[m]);
                }

                continue;
            }

            var noun = mention.Name.ToLowerInvariant();
            if (noun is "its" or "their")
            {
                assignment[m] = LeadingOrganisation(sentences, mentions, entities, assignment, mention);
                continue;
            }

            var latest = LatestFitting(mentions, entities, assignment, m, noun);
            if (latest >= 0 && !IsClearAntecedent(latest, namedSoFar, counts, entities, noun))
            {
                latest = -1;
            }

            // "the Department" with a capital names the one department of the document, wherever the document names it.
            if (latest < 0 && char.IsUpper(mention.Name[0]))
            {
                latest = OnlyOrganisationNamed(noun, entities, counts);
            }

            assignment[m] = latest;
        }
    }

    private static int OnlyOrganisationNamed(string noun, List<EntityDraft> entities, Dictionary<int, int> counts)
    {
        var found = -1;
        foreach (var e in counts.Keys)
        {
            if (entities[e].Name.Split(' ').Any(w => string.Equals(w, noun, StringComparison.OrdinalIgnoreCase)))
            {
                if (found >= 0)
                {
                    return -1;
                }

                found = e;
            }
        }

        return found;
    }

    // The fitting organisation named latest before mention m, at most eight sentences up (mentions are in text
    // order, so the scan back is bounded and the pass stays linear on long texts).
    private static int LatestFitting(List<Mention> mentions, List<EntityDraft> entities, int[] assignment, int m, string noun)
    {
        for (var k = m - 1; k >= 0 && mentions[k].Sentence >= mentions[m].Sentence - 8; k--)
        {
            if (assignment[k] >= 0 && mentions[k].Strength != MentionStrength.Anaphor && Fits(entities[assignment[k]], noun))
            {
                return assignment[k];
            }
        }

        return -1;
    }

    private static bool IsClearAntecedent(int latest, List<int> namedSoFar, Dictionary<int, int> counts, List<EntityDraft> entities, string noun)
    {
        // a document that has named dozens of organisations gives "the firm" no clear antecedent (and the check
        // stays linear in the text)
        if (namedSoFar.Count > 64)
        {
            return false;
        }

        var rivals = 0;
        var mostNamedRival = 0;
        foreach (var other in namedSoFar)
        {
            if (other != latest && Fits(entities[other], noun))
            {
                rivals++;
                mostNamedRival = Math.Max(mostNamedRival, counts.GetValueOrDefault(other));
            }
        }

        return rivals == 0 || counts.GetValueOrDefault(latest) > mostNamedRival;
    }

    private static bool Fits(EntityDraft organisation, string noun)
    {
        if (organisation.Kind != EntityKind.Organisation)
        {
            return false;
        }

        var name = organisation.Name;
        var isGovernment = IsPublicBodyName(name);
        return noun switch
        {
            "company" or "firm" or "lender" or "insurer" or "carrier" or "airline" => !isGovernment,
            "regulator" or "watchdog" => isGovernment,
            _ => name.Split(' ').Any(w => string.Equals(w, noun, StringComparison.OrdinalIgnoreCase)),
        };
    }

    private static int LeadingOrganisation(IReadOnlyList<Sentence> sentences, List<Mention> mentions, List<EntityDraft> entities, int[] assignment, Mention anaphor)
    {
        for (var sentence = anaphor.Sentence; sentence >= 0 && sentence >= anaphor.Sentence - 2; sentence--)
        {
            if (sentences[sentence].Paragraph != sentences[anaphor.Sentence].Paragraph)
            {
                break;
            }

            // The first organisation of the sentence, within its first 24 characters; mentions are in text order, so
            // the search starts at the sentence's first mention, found by binary search.
            var start = sentences[sentence].Start;
            for (var k = FirstMentionAtOrAfter(mentions, start); k < mentions.Count && mentions[k].Sentence == sentence; k++)
            {
                var mention = mentions[k];
                if (mention.Start < anaphor.Start && mention.Start - start <= 24 && assignment[k] >= 0
                    && entities[assignment[k]].Kind == EntityKind.Organisation)
                {
                    return assignment[k];
                }
            }
        }

        return -1;
    }

    private static int FirstMentionAtOrAfter(List<Mention> mentions, int position)
    {
        int lo = 0, hi = mentions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (mentions[mid].Start < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static Dictionary<string, string> FindNicknames(string text, IReadOnlyList<Sentence> sentences)
    {
        var nicknames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var slice = text.Substring(sentence.Start, sentence.Length);
            if (!slice.Contains("known as", StringComparison.Ordinal) && !slice.Contains("nicknamed", StringComparison.Ordinal)
                && !slice.Contains("dubbed", StringComparison.Ordinal) && !slice.Contains("called", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in NicknamePattern().Matches(slice))
            {
                nicknames.TryAdd(Key(match.Groups["nick"].Value), match.Groups["name"].Value);
            }
        }

        return nicknames;
    }
}
