using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Relations;
using RelationGraph.Core.Extraction.Resolution;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Events;

// Who takes part in an investigation when its sentence does not say: the lists after "by", the release's defendants,
// the person in apposition, the document's main person.
internal sealed partial class InvestigationFinder
{
    // "this investigation", "the ongoing investigation": the release's own case, named again.
    private static bool DefiniteBefore(string masked, int nounIndex)
    {
        var before = masked.AsSpan(0, nounIndex).TrimEnd();
        var space = before.LastIndexOf(' ');
        var word = space >= 0 ? before[(space + 1)..] : before;
        if (word is "ongoing" or "continuing" or "federal" or "joint")
        {
            before = before[..Math.Max(0, space)].TrimEnd();
            space = before.LastIndexOf(' ');
            word = space >= 0 ? before[(space + 1)..] : before;
        }

        return word.Equals("this", StringComparison.OrdinalIgnoreCase) || word.Equals("the", StringComparison.OrdinalIgnoreCase)
            || word.Equals("an", StringComparison.OrdinalIgnoreCase);
    }

    // The entities of a list that starts at a position: "the X, the Y's Z and the W".
    private static List<int> ListAfter(string masked, int position, bool first = false)
    {
        var list = new List<int>();
        var at = position;
        while (list.Count < 16)
        {
            var item = ListItem().Match(masked, at);
            if (!item.Success || (first && list.Count == 0 && item.Index != position))
            {
                break;
            }

            list.Add(MaskedSentence.EntityOf(item.Groups["e"].Value));
            at = item.Index + item.Length;
        }

        return list;
    }

    // People and companies a release says were charged, pleaded guilty, were sentenced or settled.
    private static List<int> Defendants(IReadOnlyList<MaskedSentence> sentences)
    {
        var defendants = new List<int>();
        foreach (var masked in sentences)
        {
            if (masked.Sentence.IsHeading || masked.EntitiesInOrder.Count == 0)
            {
                continue;
            }

            var verb = DefendantVerb().Match(masked.Text);
            if (verb.Success)
            {
                foreach (var e in masked.SubjectListBefore(verb.Index))
                {
                    if (!defendants.Contains(e))
                    {
                        defendants.Add(e);
                    }
                }
            }

            foreach (Match m in ActionAgainst().Matches(masked.Text))
            {
                var first = MaskedSentence.EntityOf(m.Groups["e"].Value);
                foreach (var e in ListAfter(masked.Text, m.Index + m.Length).Prepend(first))
                {
                    if (!defendants.Contains(e))
                    {
                        defendants.Add(e);
                    }
                }
            }
        }

        return defendants;
    }

    // "investigating Roe's former deputy, Jane Doe": the one investigated is the person in apposition, not Roe.
    private static int ApposedPerson(string masked, Group subject)
    {
        var after = ApposedAfterPossessive().Match(masked, subject.Index + subject.Length);
        return after.Success && after.Index == subject.Index + subject.Length + 1
            ? MaskedSentence.EntityOf(after.Groups["p"].Value)
            : MaskedSentence.EntityOf(subject.Value);
    }

    [GeneratedRegex(@"(?:'s|’s) (?:[\p{L}\-]+ ){1,3}?[\p{L}\-]+,? " + "\uE000P(?<p>\\d+)\uE001", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex ApposedAfterPossessive();

    // The person a document is about: clearly the most named one.
    private static int MainPerson(List<EntityDraft> entities)
    {
        int best = -1, bestCount = 0, second = 0;
        for (var e = 0; e < entities.Count; e++)
        {
            if (entities[e].Kind != EntityKind.Person)
            {
                continue;
            }

            var count = entities[e].Spans.Count;
            if (count > bestCount)
            {
                second = bestCount;
                bestCount = count;
                best = e;
            }
            else if (count > second)
            {
                second = count;
            }
        }

        return bestCount >= 5 && bestCount >= second * 3 / 2 ? best : -1;
    }
}
