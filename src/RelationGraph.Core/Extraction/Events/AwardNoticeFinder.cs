using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Relations;
using RelationGraph.Core.Extraction.Resolution;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Events;

/// <summary>
/// Contract award notices in the register of procurement announcements: each contract number
/// ("W91ABC-24-D-0007", the US federal procurement instrument identifier) and each numbered task or delivery order
/// is its own Contract, party to the company named before it or "awarded to" it; a winner named before "has been
/// awarded" is party to the contract its sentence names; "the contracting activity is X" is the awarding body of
/// every contract of its paragraph.
/// </summary>
internal static partial class AwardNoticeFinder
{
    private const int MatchTimeoutMs = RegexLimits.MatchTimeoutMs;

    // Agency code (six characters), fiscal year, instrument type letter, serial: W56HZV-19-D-0001, N00024-19-C-2104.
    [GeneratedRegex(@"\b[A-Z][A-Z0-9]{5}-\d{2}-[A-Z]-[A-Z0-9]{4}\b", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex ContractNumber();

    [GeneratedRegex(@"\b(?<order>(?:Task|Delivery) Orders? (?:No\. )?\d{1,4})\b(?: (?:is|was|are|were|has been|have been|will be) (?:being )?awarded to (?:the )?" + "\uE000O(?<party>\\d+)\uE001" + ")?", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex NumberedOrder();

    [GeneratedRegex(@"\bcontracting (?:activity|agency|office) (?:is|was|are) (?:the )?" + "\uE000O(?<o>\\d+)\uE001", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex ContractingActivity();

    [GeneratedRegex("^\\s*\uE000O(?<party>\\d+)\uE001" + @"[^\uE000\uE001]{0,120}? (?:has|have|was|were|is|are) (?:each |also |jointly )?(?:been )?(?:each )?awarded\b", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex PassiveWinner();

    [GeneratedRegex("\uE000O(?<o>\\d+)\uE001", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex OrgPlaceholder();

    public static void Find(string text, IReadOnlyList<MaskedSentence> sentences, List<EntityDraft> entities, List<FactDraft> facts)
    {
        var contractsByParagraph = new Dictionary<int, List<int>>();
        var existingContracts = entities.Count;
        for (var e = 0; e < existingContracts; e++)
        {
            if (entities[e].Kind == EntityKind.Contract)
            {
                foreach (var span in entities[e].Spans)
                {
                    Remember(contractsByParagraph, sentences[span.Sentence].Sentence.Paragraph, e);
                }
            }
        }

        var byNumber = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var masked in sentences)
        {
            var sentence = masked.Sentence;
            if (sentence.IsHeading)
            {
                continue;
            }

            FindNumbers(text, masked, entities, facts, byNumber, contractsByParagraph);
            FindOrders(text, masked, entities, facts, byNumber, contractsByParagraph);
            FindPassiveWinner(masked, entities, facts);
        }

        foreach (var masked in sentences)
        {
            var activity = ContractingActivity().Match(masked.Text);
            if (!activity.Success || !contractsByParagraph.TryGetValue(masked.Sentence.Paragraph, out var contracts))
            {
                continue;
            }

            var awarder = MaskedSentence.EntityOf(activity.Groups["o"].Value);
            foreach (var contract in contracts.Distinct())
            {
                if (!facts.Any(f => f.Type == RelationType.AwardedBy && f.Subject == contract && f.Object == awarder))
                {
                    facts.Add(new FactDraft(RelationType.AwardedBy, contract, awarder, masked.Sentence.Start, masked.Sentence.End, 0.8, masked.Sentence.Index)
                    {
                        Rule = "contracting-activity",
                    });
                }
            }
        }
    }

    // "Acme Corp., Reston, Virginia (W91ABC-24-D-0007); Beta Inc., Vienna, Virginia (W91ABC-24-D-0008)": each number
    // is a contract of the company named since the previous number.
    private static void FindNumbers(string text, MaskedSentence masked, List<EntityDraft> entities, List<FactDraft> facts,
        Dictionary<string, int> byNumber, Dictionary<int, List<int>> contractsByParagraph)
    {
        var previousEnd = 0;
        foreach (Match number in ContractNumber().Matches(masked.Text))
        {
            var contract = Contract(text, masked, number.Index, number.Length, "contract " + number.Value, entities, byNumber);
            Remember(contractsByParagraph, masked.Sentence.Paragraph, contract);
            var party = -1;
            foreach (Match org in OrgPlaceholder().Matches(masked.Text[previousEnd..number.Index]))
            {
                party = MaskedSentence.EntityOf(org.Groups["o"].Value);
                break;
            }

            if (party >= 0)
            {
                entities[contract].Name = "contract " + number.Value + " (" + entities[party].Name + ")";
                AddParty(facts, party, contract, masked, "contract-number-party");
            }

            previousEnd = number.Index + number.Length;
        }
    }

    // "Task Order 1 is being awarded to Acme Inc. at $18,058,969".
    private static void FindOrders(string text, MaskedSentence masked, List<EntityDraft> entities, List<FactDraft> facts,
        Dictionary<string, int> byNumber, Dictionary<int, List<int>> contractsByParagraph)
    {
        foreach (Match order in NumberedOrder().Matches(masked.Text))
        {
            if (!order.Groups["party"].Success && !masked.Text.AsSpan(order.Index).Contains("awarded", StringComparison.Ordinal))
            {
                continue;
            }

            var group = order.Groups["order"];
            var contract = Contract(text, masked, group.Index, group.Length, group.Value, entities, byNumber);
            Remember(contractsByParagraph, masked.Sentence.Paragraph, contract);
            if (order.Groups["party"].Success)
            {
                AddParty(facts, MaskedSentence.EntityOf(order.Groups["party"].Value), contract, masked, "order-awarded-to");
            }
        }
    }

    // "Acme Inc., a Beta Co., San Diego, California, has been awarded a $259,000,000 contract": Acme is party to the
    // contract its sentence names, when the money-anchored contract finder left it without one.
    private static void FindPassiveWinner(MaskedSentence masked, List<EntityDraft> entities, List<FactDraft> facts)
    {
        var winner = PassiveWinner().Match(masked.Text);
        if (!winner.Success)
        {
            return;
        }

        var party = MaskedSentence.EntityOf(winner.Groups["party"].Value);
        for (var e = 0; e < entities.Count; e++)
        {
            var entity = entities[e];
            if (entity.Kind == EntityKind.Contract && entity.Spans.Any(s => s.Sentence == masked.Sentence.Index)
                && !facts.Any(f => f.Type == RelationType.PartyTo && f.Object == e))
            {
                facts.RemoveAll(f => f.Type == RelationType.AwardedBy && f.Subject == e && f.Object == party);
                AddParty(facts, party, e, masked, "awarded-winner");
            }
        }
    }

    private static int Contract(string text, MaskedSentence masked, int maskedStart, int length, string label, List<EntityDraft> entities, Dictionary<string, int> byNumber)
    {
        var (start, end) = masked.ToDocument(maskedStart, maskedStart + length);
        var key = text[start..end];
        if (!byNumber.TryGetValue(key, out var contract))
        {
            contract = entities.Count;
            entities.Add(new EntityDraft(EntityKind.Contract, label));
            byNumber[key] = contract;
        }

        entities[contract].AddSpan(start, end, key, masked.Sentence.Index);
        return contract;
    }

    private static void AddParty(List<FactDraft> facts, int party, int contract, MaskedSentence masked, string rule)
    {
        if (!facts.Any(f => f.Type == RelationType.PartyTo && f.Subject == party && f.Object == contract))
        {
            facts.Add(new FactDraft(RelationType.PartyTo, party, contract, masked.Sentence.Start, masked.Sentence.End, 0.8, masked.Sentence.Index) { Rule = rule });
        }
    }

    private static void Remember(Dictionary<int, List<int>> contractsByParagraph, int paragraph, int contract)
    {
        if (!contractsByParagraph.TryGetValue(paragraph, out var list))
        {
            contractsByParagraph[paragraph] = list = [];
        }

        list.Add(contract);
    }
}
