using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Relations;
using RelationGraph.Core.Extraction.Resolution;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Events;

/// <summary>
/// Finds contracts. A single deal, award or contract with a value and a counterpart becomes a Contract entity
/// (PARTY_TO from the contractor, AWARDED_BY to the awarding or paying body); the same value named twice in a
/// document is one contract. Totals over many contracts ("$10 billion worth of X contracts") become
/// CONTRACTS_WITH facts instead.
/// </summary>
internal sealed partial class ContractFinder
{
    // Patterns run on sentences of at most SentenceSegmenter.MaxSentenceLength characters with bounded quantifiers;
    // the timeout is a safety net, and the extractor skips a sentence or stage that hits it.
    private const int MatchTimeoutMs = RegexLimits.MatchTimeoutMs;

    private const string Org = "\uE000O(?<o>\\d+)\uE001";

    [GeneratedRegex(@"\b(?<noun>contract|deal|award|agreement|procurement|tender)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex SingleNoun();

    [GeneratedRegex(@"(?:worth of|in|of) (?<list>(?:(?:the )?" + "\uE000O\\d+\uE001" + @"(?:,| and| &|, and)? ?){1,5})(?:[\p{L}\-]+ ){0,2}contracts\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex TotalContracts();

    [GeneratedRegex(@"contracts (?:with|from|for) (?<list>(?:(?:the )?" + "\uE000O\\d+\uE001" + @"(?:,| and| &|, and)? ?){1,5})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex ContractsWith();

    [GeneratedRegex("\uE000O(?<o>\\d+)\uE001", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex OrgPlaceholder();

    [GeneratedRegex(@"^(?: (?:with|from|by|for) (?:the )?" + "\uE000O(?<o>\\d+)\uE001" + @"| (?:that|which) (?:the )?" + "\uE000O(?<o>\\d+)\uE001" + @" (?:has |had |have )?(?:awarded|gave|granted|handed|signed with|gave to|awarded to))?(?: to (?:the )?" + "\uE000[PO](?<party>\\d+)\uE001" + ")?", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex CounterpartAfter();

    [GeneratedRegex("\uE000O(?<o>\\d+)\uE001" + @" (?:has |have |had |also |quietly |formally )*(?:awarded|awards|granted|grants|handed|hands|issued|issues|approved|approves)\b", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex AwardingSubject();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex Year();

    [GeneratedRegex(@"^\s(?:worth|valued at|of|for|totalling|totaling|totaling about|worth about|worth some)\s", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex ValueLink();

    [GeneratedRegex(@"(?:awarded|granted|gave|handed|signed) (?:the )?" + "\uE000[PO](?<party>\\d+)\uE001", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex AwardedTo();

    public static void Find(string text, IReadOnlyList<MaskedSentence> sentences, List<EntityDraft> entities, List<FactDraft> facts)
    {
        // a document's contracts by value, each with what it is for ("dredging", "patrol boat") where the text says
        var contractsByValue = new Dictionary<(decimal, string), List<SameValue>>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var masked = sentences[s];
            var sentence = masked.Sentence;
            if (sentence.IsHeading)
            {
                continue;
            }

            FindTotals(masked, sentences, s, entities, facts);
            var money = Money.Find(text, sentence.Start, sentence.End);
            if (money.Count == 0)
            {
                continue;
            }

            foreach (Match noun in SingleNoun().Matches(masked.Text))
            {
                var (nounStart, nounEnd) = masked.ToDocument(noun.Index, noun.Index + noun.Length);
                var amount = money.LastOrDefault(m => m.End <= nounStart && nounStart - m.End <= 60 && !text[m.End..nounStart].Contains(',', StringComparison.Ordinal));
                var after = masked.Text.AsSpan(noun.Index + noun.Length);
                if (amount is null)
                {
                    amount = money.FirstOrDefault(m => m.Start >= nounEnd && m.Start - nounEnd <= 25
                        && ValueLink().Match(text, nounEnd, m.Start - nounEnd).Success);
                }

                if (amount is null)
                {
                    continue;
                }

                // Awarding bodies: an organisation between the amount and the noun, or after "with/from/by".
                var awarders = new List<int>();
                var phraseStart = Math.Min(amount.Start, nounStart);
                var phraseEnd = Math.Max(amount.End, nounEnd);
                var maskedPhrase = LocateMasked(masked, amount.End, noun.Index);
                foreach (Match org in OrgPlaceholder().Matches(maskedPhrase))
                {
                    awarders.Add(MaskedSentence.EntityOf(org.Groups["o"].Value));
                }

                // "the Army's multi-year $3.9 billion contract": the possessor before the amount awards it.
                var amountMasked = Math.Max(0, LocateMaskedStart(masked, amount.Start));
                var possessor = PossessorBefore().Match(masked.Text[Math.Max(0, amountMasked - 60)..amountMasked]);
                if (possessor.Success)
                {
                    awarders.Add(MaskedSentence.EntityOf(possessor.Groups["o"].Value));
                }

                var counterpart = CounterpartAfter().Match(after.ToString());
                var explicitParty = -1;
                var withFirm = -1;
                if (counterpart.Success && counterpart.Length > 0)
                {
                    if (counterpart.Groups["o"].Success)
                    {
                        awarders.Add(MaskedSentence.EntityOf(counterpart.Groups["o"].Value));
                        if (counterpart.Value.StartsWith(" with", StringComparison.Ordinal))
                        {
                            withFirm = MaskedSentence.EntityOf(counterpart.Groups["o"].Value);
                        }
                    }

                    if (counterpart.Groups["party"].Success)
                    {
                        explicitParty = MaskedSentence.EntityOf(counterpart.Groups["party"].Value);
                    }

                    phraseEnd = masked.ToDocument(noun.Index + noun.Length, noun.Index + noun.Length + counterpart.Length).End;
                }

                foreach (Match awarding in AwardingSubject().Matches(masked.Text))
                {
                    awarders.Add(MaskedSentence.EntityOf(awarding.Groups["o"].Value));
                }

                awarders.Remove(explicitParty);
                var partyEvidenceStart = sentence.Start;
                var party = explicitParty >= 0 ? explicitParty : FindParty(masked, sentences, s, entities, awarders, out partyEvidenceStart);
                // "The Mining Authority signed a contract with Ironora Construction": "with" names the other side, which
                // is the firm when the sentence's subject is a public body (the public body awards, the firm is party).
                var signer = party >= 0 ? party : masked.LeadingEntity(e => entities[e].Kind == EntityKind.Organisation && e != withFirm);
                if (withFirm >= 0 && signer >= 0 && IsPublicBody(entities[signer]) && !IsPublicBody(entities[withFirm]))
                {
                    awarders.Remove(withFirm);
                    awarders.Remove(signer);
                    awarders.Insert(0, signer);
                    party = withFirm;
                }

                if (awarders.Count == 0 && party < 0)
                {
                    continue;
                }

                // One agency's two $387 million contracts, for body armour and for dredging, or won by two firms in two
                // sentences, are two contracts; a mention that says neither what it is for nor who won it is the one
                // already named at that value.
                var key = (amount.Amount, amount.Currency);
                var purpose = amount.End <= nounStart ? Purpose(text[amount.End..nounStart]) : "";
                if (!contractsByValue.TryGetValue(key, out var sameValue))
                {
                    contractsByValue[key] = sameValue = [];
                }

                // past a few dozen contracts of one value the latest is taken, so a long list stays linear
                var known = sameValue.Count >= MaxSameValue ? sameValue[^1]
                    : sameValue.FindLast(c => (purpose.Length == 0 || c.Purpose.Length == 0 || c.Purpose == purpose)
                        && (party < 0 || c.Parties.Count == 0 || c.Parties.Contains(party)));
                int contract;
                if (known is not null)
                {
                    contract = known.Draft;
                    known.Purpose = known.Purpose.Length == 0 ? purpose : known.Purpose;
                    if (party >= 0)
                    {
                        known.Parties.Add(party);
                    }
                }
                else
                {
                    var named = awarders.Count > 0 ? entities[awarders[0]].Name : entities[party].Name;
                    var label = named + " contract (" + amount.Text + ")";
                    contract = entities.Count;
                    var years = Year().Matches(text.Substring(sentence.Start, sentence.Length));
                    entities.Add(new EntityDraft(EntityKind.Contract, purpose.Length > 0 ? $"{named} {purpose} contract ({amount.Text})" : label)
                    {
                        IdentityName = label,
                        Amount = amount.Amount,
                        Currency = amount.Currency,
                        Year = years.Count == 1 ? int.Parse(years[0].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
                    });
                    sameValue.Add(new SameValue(contract) { Purpose = purpose, Parties = party >= 0 ? [party] : [] });
                }

                var draft = entities[contract];
                draft.AddSpan(phraseStart, phraseEnd, text[phraseStart..phraseEnd], sentence.Index);
                foreach (var awarder in awarders.Distinct())
                {
                    if (awarder != party)
                    {
                        facts.Add(new FactDraft(RelationType.AwardedBy, contract, awarder, sentence.Start, sentence.End, 0.8, sentence.Index) { Rule = "contract-awarded-by" });
                    }
                }

                if (party >= 0)
                {
                    facts.Add(new FactDraft(RelationType.PartyTo, party, contract, partyEvidenceStart, sentence.End, partyEvidenceStart < sentence.Start ? 0.6 : 0.8, sentence.Index) { Rule = "contract-party" });
                }
            }
        }
    }

    private const int MaxSameValue = 32;

    // A contract of the document at one value: what it is for and who won it, as far as the text has said.
    private sealed class SameValue(int draft)
    {
        public int Draft { get; } = draft;

        public string Purpose { get; set; } = "";

        public HashSet<int> Parties { get; init; } = [];
    }

    // What a contract is for, from the words between its value and "contract": "body armour", "dredging". Words that
    // say how it is let or how big it is, and names, are not a purpose.
    private static string Purpose(string between)
    {
        var words = between.Split([' ', '\u00A0'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 1 && w.All(c => char.IsLower(c) || c == '-') && !NotPurposes.Contains(w)
                && !w.EndsWith("-year", StringComparison.Ordinal) && !w.EndsWith("-month", StringComparison.Ordinal));
        return string.Join(' ', words);
    }

    private static readonly HashSet<string> NotPurposes = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "its", "their", "new", "major", "large", "huge", "lucrative", "single", "initial", "additional", "separate",
        "another", "federal", "government", "fixed-price", "firm-fixed-price", "cost-plus", "no-bid", "sole-source", "follow-on",
        "multiyear", "annual", "total", "combined", "potential", "estimated", "worth", "of", "and", "in", "for",
    };

    private static string LocateMasked(MaskedSentence masked, int documentStart, int maskedEnd)
    {
        for (var i = 0; i < maskedEnd; i++)
        {
            if (masked.ToDocument(i, i + 1).Start >= documentStart)
            {
                return masked.Text[i..maskedEnd];
            }
        }

        return "";
    }

    // The contractor: "awarded X a contract", the sentence's subject, or the subject of the sentence before it.
    private static int FindParty(MaskedSentence masked, IReadOnlyList<MaskedSentence> sentences, int s, List<EntityDraft> entities, List<int> awarders, out int evidenceStart)
    {
        evidenceStart = masked.Sentence.Start;
        var awardedTo = AwardedTo().Match(masked.Text);
        if (awardedTo.Success)
        {
            var party = MaskedSentence.EntityOf(awardedTo.Groups["party"].Value);
            if (!awarders.Contains(party))
            {
                return party;
            }
        }

        // The sentence's subject is the party when it wins, signs or holds the contract; a person only with such a
        // verb, since the people who open a sentence are more often the ones announcing or lobbying for it.
        var partyVerb = PartyVerb().IsMatch(masked.Text);
        bool Accept(int e) => !awarders.Contains(e) && (entities[e].Kind == EntityKind.Organisation || (entities[e].Kind == EntityKind.Person && partyVerb));
        var announced = AnnouncedThat().Match(masked.Text);
        var subject = announced.Success ? FirstOrganisationAfter(masked.Text, announced.Index + announced.Length, awarders) : masked.LeadingEntity(Accept);
        if (subject >= 0)
        {
            return subject;
        }

        // Up to two sentences back in the same paragraph ("X has won many contracts. The biggest? A $5m deal with Y.").
        for (var back = s - 1; back >= 0 && back >= s - 2; back--)
        {
            var earlier = sentences[back].Sentence;
            if (earlier.Paragraph != masked.Sentence.Paragraph || earlier.IsHeading)
            {
                break;
            }

            var previous = sentences[back].LeadingEntity(Accept);
            if (previous >= 0 && entities[previous].Kind == EntityKind.Organisation)
            {
                evidenceStart = earlier.Start;
                return previous;
            }
        }

        return -1;
    }

    // The masked index of a document position (the first masked character at or after it).
    private static int LocateMaskedStart(MaskedSentence masked, int documentStart)
    {
        for (var i = 0; i < masked.Text.Length; i++)
        {
            if (masked.ToDocument(i, i + 1).Start >= documentStart)
            {
                return i;
            }
        }

        return masked.Text.Length;
    }

    [GeneratedRegex("\uE000O(?<o>\\d+)\uE001" + @"(?:'s|’s) (?:[\p{L}\-]+ ){0,3}$", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex PossessorBefore();

    private static int FirstOrganisationAfter(string masked, int position, List<int> awarders)
    {
        foreach (Match org in OrgPlaceholder().Matches(masked, position))
        {
            var e = MaskedSentence.EntityOf(org.Groups["o"].Value);
            if (!awarders.Contains(e))
            {
                return e;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"\b(?:won|wins|win|received|receives|secured|secures|signed|signs|landed|lands|holds|held|awarded|was awarded|has been awarded|got|gets|obtained)\b", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex PartyVerb();

    [GeneratedRegex(@"\b(?:announced|said|says|announce|announces|confirmed|revealed|noted|stated)(?: today| on \w+)? that ", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex AnnouncedThat();

    private static void FindTotals(MaskedSentence masked, IReadOnlyList<MaskedSentence> sentences, int s, List<EntityDraft> entities, List<FactDraft> facts)
    {
        if (!masked.Text.Contains("contracts", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (var regex in new[] { TotalContracts(), ContractsWith() })
        {
            foreach (Match match in regex.Matches(masked.Text))
            {
                var customers = OrgPlaceholder().Matches(match.Groups["list"].Value).Select(m => MaskedSentence.EntityOf(m.Groups["o"].Value)).ToList();
                var contractor = masked.LeadingEntity(e => entities[e].Kind == EntityKind.Organisation && !customers.Contains(e));
                var evidenceStart = masked.Sentence.Start;
                if (contractor < 0 && s > 0 && sentences[s - 1].Sentence.Paragraph == masked.Sentence.Paragraph)
                {
                    contractor = sentences[s - 1].LeadingEntity(e => entities[e].Kind == EntityKind.Organisation && !customers.Contains(e));
                    evidenceStart = sentences[s - 1].Sentence.Start;
                }

                if (contractor < 0)
                {
                    continue;
                }

                foreach (var customer in customers)
                {
                    facts.Add(new FactDraft(RelationType.ContractsWith, contractor, customer, evidenceStart, masked.Sentence.End, 0.75, masked.Sentence.Index) { Rule = "contracts-with" });
                }
            }
        }
    }

    private static bool IsPublicBody(EntityDraft entity) =>
        entity.Kind == EntityKind.Organisation && Resolution.EntityResolver.IsPublicBodyName(entity.Name);
}
