using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Relations;
using RelationGraph.Core.Extraction.Resolution;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Events;

/// <summary>
/// Finds investigations: each named inquiry, probe, audit, review or investigation, requested ones and
/// information requests included, becomes an Investigation with INVESTIGATES from whoever runs or asks for it
/// and SUBJECT_OF from whoever it looks into. A sentence announcing several investigations followed by a list
/// makes one investigation per listed body.
/// </summary>
internal sealed partial class InvestigationFinder
{
    // Patterns run on sentences of at most SentenceSegmenter.MaxSentenceLength characters with bounded quantifiers;
    // the timeout is a safety net, and the extractor skips a sentence or stage that hits it.
    private const int MatchTimeoutMs = RegexLimits.MatchTimeoutMs;

    private const string Noun = "(?<noun>investigation|inquiry|enquiry|probe|audit|review|evaluation|inspection|hearing|examination|inquest)s?";

    [GeneratedRegex(@"\b(?:investigations?|inquiry|inquiries|enquiry|probes?|audits?|review|evaluation|inspection|hearings?|examination|inquest|investigat\w*|probing|audited|auditing|answers|information|questions|documents)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex Cue();

    [GeneratedRegex("\uE000[PO](?<by>\\d+)\uE001" + @"(?:'s|’s)? (?:(?!investigation|inquiry|probe|(?:said|says|told|tells|added|the|a|an|that|and|but|to|in|on|at|for|with|would|will|is|was|has|had|his|her|their|its)\b)[\p{L}\-]+ ){0,2}" + Noun + @"\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex ByBefore();

    [GeneratedRegex(Noun + @" (?:by|from|conducted by|led by|launched by|opened by) (?:the )?(?:(?:special )?(?:agents|investigators|officers|officials|auditors) (?:of|from|with) (?:the )?)?" + "\uE000[PO](?<by>\\d+)\uE001", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex ByAfter();

    [GeneratedRegex("\uE000[PO](?<by>\\d+)\uE001" + @"[^\uE000\uE001.;!?]{0,100}? (?:has |have |had |is |are |was |were |will |also |now |quietly |formally )*(?:launched|opened|began|begun|started|announced|ordered|conducting|conducted|initiated|leading|led|launching|opening|opens|launches|began|carried out|carrying out|called for|calls for|calling for|demanded|requested|sought|seeks|wants)(?: [\p{L}\-]+){0,3} (?:an? |the |its |their )?(?:[\p{L}\-]+ ){0,2}" + Noun, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex ByVerb();

    [GeneratedRegex("\uE000[PO](?<by>\\d+)\uE001" + @"(?: and " + "\uE000[PO](?<by2>\\d+)\uE001" + @")?(?: [\p{L}'’\-]+){0,3} (?:asked|urged|called on|requested|pressed|want|wants|wanted|requesting|asking|urging) (?:the )?" + "\uE000[PO](?<asked>\\d+)\uE001" + @" (?:to|for)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex Requested();

    [GeneratedRegex("\uE000[PO](?<by>\\d+)\uE001" + @"(?: [\p{L}'’\-]+){0,3} (?:is |are |was |were |has been |have been |had been )?(?:investigating|probing|auditing|investigated|probed|audited|examining|scrutinising|scrutinizing|reviewing) (?:the |a |an )?" + "\uE000[PO](?<subject>\\d+)\uE001", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex VerbSubject();

    [GeneratedRegex("\uE000[PO](?<by>\\d+)\uE001" + @"(?: [\p{L}'’\-]+){0,3} (?:want|wants|wanted|demand|demands|demanded|seek|seeks|sought|request|requests|requested|asking|asked|ask|asks|pressing|pressed)(?: for)? (?:[\p{L}\-]+ )?(?<what>answers|information|documents|records|an explanation|explanations|questions|details|a briefing|briefings|a list|lists|data|copies)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex InformationRequest();

    [GeneratedRegex(@"(?:investigations?|inquiry|inquiries|enquiry|probes?|audits?|reviews?|evaluation|inspection|hearings?|examination|inquest|investigate|probe|review|audit|examine|look into|answers|information|questions|explanation|details|list|records|documents) (?:into|of|on|over|about|regarding|targeting|concerning) (?:the |a |an |his |her |their |its )?" + "\uE000[PO](?<subject>\\d+)\uE001", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex SubjectAfter();

    [GeneratedRegex("\uE000[PO](?<subject>\\d+)\uE001" + @" (?:is|was|are|were|has been|had been|remains|became|comes) (?:now |also |already )?(?:under|the subject of|the target of|the focus of|facing|subject to) (?:an? |the |several |multiple |two |three |a new |federal |criminal )*(?:[\p{L}\-]+ ){0,2}(?:investigations?|inquiry|inquiries|probes?|audits?|reviews?|scrutiny)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex SubjectUnder();

    [GeneratedRegex(@"\b(?:triple|double|two|three|four|five|several|multiple|parallel|separate|simultaneous)\b[^.]{0,40}\b(?:investigations?|inquiries|probes|audits|reviews)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex SeveralAnnounced();

    [GeneratedRegex("\uE000O(?<o>\\d+)\uE001", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex OrgPlaceholder();

    [GeneratedRegex("\uE000[PO](?<by>\\d+)\uE001" + @"[^\uE000\uE001.;!?]{0,60}? (?:would|will|to|plans to|is to|agreed to|began to|has begun to|promised to|vowed to|should|must|shall|wants to|intends to) (?<verb>review|investigate|probe|audit|examine|look into|scrutinise|scrutinize)\b(?: (?:the |a |an )?" + "\uE000[PO](?<subject>\\d+)\uE001" + ")?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex FutureVerb();

    [GeneratedRegex(@"\b(?:investigation|inquiry|enquiry|probe|audit|review|inspection|examination|inquest)s?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex InvestigationWord();

    // "an audit into Dušan Kovačević" whose subject the extractor did not read: the sentence names someone, so it is
    // not about the document's main person
    [GeneratedRegex(@"\b(?:into|involving|targeting|concerning|against) (?:(?:Mr|Ms|Mrs|Dr)\.? )?\p{Lu}\p{Ll}", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex UnreadSubject();

    [GeneratedRegex(@"\binvestigators? (?:from|at|with|of) (?:the )?" + "\uE000O(?<by>\\d+)\uE001", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex InvestigatorsFrom();

    [GeneratedRegex(@"\b(?:arrested|charged|questioned|detained|raided|searched|interviewed|subpoenaed|indicted|summoned) (?:the )?" + "\uE000[PO](?<subject>\\d+)\uE001", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex ActedOn();

    [GeneratedRegex(Noun, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex NounPattern();

    [GeneratedRegex(@"\b(?:corruption|bribery|bribe|fraud|kickback|kickbacks|tax|antitrust|misconduct|abuse|embezzlement|laundering|graft|ethics|sanctions|export|accounting|insider)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex CrimeWords();

    // "The case was investigated by X, Y and Z": the closing line of a prosecutor's press release.
    [GeneratedRegex(@"\b(?<noun>case|matter|investigation|inquiry|probe|audit|review)s? (?:was|were|is|are|has been|have been|had been|is being|was being) (?:jointly |primarily |also |being )?(?:investigated|conducted|handled|led|pursued|undertaken|performed|carried out|worked) by (?:the )?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex CaseInvestigatedBy();

    // "an ongoing investigation by the X, the Y and the Z": everyone in the list after "by". A unit in brackets after
    // its office ("the Y's Office of Inspector General (New York Field Office)") is in the list too.
    [GeneratedRegex(@"\G(?:(?:,|, and| and|’s|'s| of| for| -| –|,? in cooperation with|,? in conjunction with|,? together with|,? with the assistance of|,? assisted by|,? with) (?:the )?| \((?:the )?)?" + "\uE000(?<kind>[PO])(?<e>\\d+)\uE001" + @"\)?(?: \([^()\uE000]{1,40}\))?", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex ListItem();

    // Who a prosecutor's release is about: the subject of "pleaded guilty", "was sentenced", "agreed to pay".
    [GeneratedRegex(@"\b(?:pleaded|pled) guilty|\b(?:was|were|has been|have been) (?:sentenced|charged|indicted|convicted|arrested)|\bagreed to (?:pay|plead|settle|forfeit)|\b(?:admitted|faces|face) ", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex DefendantVerb();

    [GeneratedRegex(@"\b(?:settlement|settlements|lawsuits?|claims?|allegations|charges|indictment|complaint|case) (?:with|against) (?:the )?(?:[\p{L}\-]+ ){0,6}?(?:defendants?,? )?" + "\uE000[PO](?<e>\\d+)\uE001" + "|\\bdefendants?,? (?:the )?" + "\uE000[PO](?<e>\\d+)\uE001", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex ActionAgainst();

    [GeneratedRegex(@"\b(?:requested|asked|urged|called for|called on|want|wants|wanted|demand|demanded|pressed)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex RequestedCue();

    private sealed class Draft
    {
        public List<int> Investigators { get; } = [];

        public List<int> Subjects { get; } = [];

        public string Noun { get; set; } = "investigation";

        public bool Requested { get; set; }

        /// <summary>The case a release is about ("the case was investigated by", "this investigation"): one per document.</summary>
        public bool Case { get; set; }

        /// <summary>The rule that found it, recorded on the facts' evidence.</summary>
        public string Rule { get; set; } = "investigation-named";

        public (int Start, int End) Span { get; set; }

        public (int Start, int End) Evidence { get; set; }

        public Segmentation.Sentence Sentence { get; set; } = null!;
    }

    public static void Find(string text, IReadOnlyList<MaskedSentence> sentences, List<EntityDraft> entities, List<FactDraft> facts)
    {
        var drafts = new List<Draft>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var masked = sentences[s];
            if (masked.Sentence.IsHeading || !Cue().IsMatch(masked.Text))
            {
                continue;
            }

            if (SeveralAnnounced().IsMatch(masked.Text) && masked.Text.TrimEnd().EndsWith(':'))
            {
                s = FromList(masked, sentences, s, drafts);
                continue;
            }

            FromSentence(text, masked, drafts);
        }

        var defendants = Defendants(sentences);
        var mainPerson = MainPerson(entities);
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (draft.Investigators.Count == 0 && draft.Subjects.Count == 0)
            {
                continue;
            }

            var subjectGiven = draft.Subjects.Count > 0;
            var subjectRule = "investigation-subject";
            if (!subjectGiven && defendants.Count > 0)
            {
                // A case investigated by agencies is about the people and companies the release says were charged,
                // pleaded guilty or settled.
                draft.Subjects.AddRange(defendants.Where(d => !draft.Investigators.Contains(d)));
                subjectRule = "release-defendant";
            }
            else if (!subjectGiven && mainPerson >= 0 && !draft.Investigators.Contains(mainPerson)
                && !UnreadSubject().IsMatch(text.AsSpan(draft.Evidence.Start, draft.Evidence.End - draft.Evidence.Start)))
            {
                draft.Subjects.Add(mainPerson);
                subjectRule = "document-main-person";
            }

            var investigator = draft.Investigators.Count > 0 ? entities[draft.Investigators[0]].Name : null;
            var subject = draft.Subjects.Count > 0 ? entities[draft.Subjects[0]].Name : null;
            var label = (investigator is null ? "" : investigator + " ") + (draft.Requested ? "requested " : "") + draft.Noun
                + (subject is null ? "" : " of " + subject);
            label = char.ToUpperInvariant(label[0]) + label[1..];

            // One body's inquiry into one subject is one investigation, however often the text names it.
            var key = draft.Case ? "case" : (draft.Investigators.Count > 0 ? draft.Investigators[0] : -1) + "|" + (subjectGiven ? draft.Subjects[0] : -1);
            if (!byKey.TryGetValue(key, out var index))
            {
                index = entities.Count;
                entities.Add(new EntityDraft(EntityKind.Investigation, label) { Status = draft.Requested ? "requested" : null });
                byKey[key] = index;
            }

            var entity = entities[index];
            var sentence = draft.Sentence;
            entity.AddSpan(draft.Span.Start, draft.Span.End, text[draft.Span.Start..draft.Span.End], sentence.Index);
            foreach (var by in draft.Investigators.Distinct())
            {
                facts.Add(new FactDraft(RelationType.Investigates, by, index, draft.Evidence.Start, draft.Evidence.End, 0.8, sentence.Index) { Rule = draft.Rule });
            }

            foreach (var about in draft.Subjects.Distinct())
            {
                if (!draft.Investigators.Contains(about))
                {
                    var confidence = subjectGiven ? 0.8 : 0.4;
                    facts.Add(new FactDraft(RelationType.SubjectOf, about, index, draft.Evidence.Start, draft.Evidence.End, confidence, sentence.Index) { Rule = subjectRule });
                }
            }
        }
    }

    private static int FromList(MaskedSentence announcement, IReadOnlyList<MaskedSentence> sentences, int s, List<Draft> drafts)
    {
        var k = s + 1;
        var subjects = SubjectAfter().Matches(announcement.Text).Select(m => MaskedSentence.EntityOf(m.Groups["subject"].Value)).ToList();
        while (k < sentences.Count && sentences[k].Sentence.IsListItem)
        {
            var item = sentences[k];
            var org = OrgPlaceholder().Match(item.Text);
            if (org.Success)
            {
                var draft = new Draft { Sentence = item.Sentence, Evidence = (announcement.Sentence.Start, item.Sentence.End) };
                draft.Investigators.Add(MaskedSentence.EntityOf(org.Groups["o"].Value));
                draft.Subjects.AddRange(subjects);
                var noun = NounPattern().Match(item.Text);
                var (orgStart, orgEnd) = item.ToDocument(org.Index, org.Index + org.Length);
                draft.Span = noun.Success && noun.Index > org.Index ? (orgStart, item.ToDocument(noun.Index, noun.Index + noun.Length).End) : (orgStart, orgEnd);
                if (noun.Success)
                {
                    draft.Noun = noun.Value.ToLowerInvariant();
                }

                drafts.Add(draft);
            }

            k++;
        }

        return k - 1;
    }

    private static void FromSentence(string text, MaskedSentence masked, List<Draft> drafts)
    {
        var sentence = masked.Sentence;
        var subjects = new List<int>();
        foreach (Match m in SubjectAfter().Matches(masked.Text))
        {
            subjects.Add(MaskedSentence.EntityOf(m.Groups["subject"].Value));
        }

        foreach (Match m in SubjectUnder().Matches(masked.Text))
        {
            subjects.Add(MaskedSentence.EntityOf(m.Groups["subject"].Value));
        }

        var found = new List<(MaskedSentence Source, Match Match, string Noun, bool Requested, bool Case)>();
        foreach (Match m in ByBefore().Matches(masked.Text))
        {
            // "IRS Criminal Investigation", "Office of Investigations": a capitalised noun is part of a name.
            if (char.IsUpper(m.Groups["noun"].Value[0]))
            {
                continue;
            }

            // "the Water Department corruption probe": an organisation before a crime word is what is investigated.
            if (CrimeWords().IsMatch(m.Value))
            {
                subjects.Add(MaskedSentence.EntityOf(m.Groups["by"].Value));
                continue;
            }

            // "Acme cooperated with the Department's investigation": a body's investigation named with "the" and no
            // subject is the release's own case ("the Department" is masked with its article).
            var definite = subjects.Count == 0 && (m.Value.Contains('’') || m.Value.Contains('\''))
                && (masked.Text.AsSpan(0, m.Index).EndsWith("the ", StringComparison.OrdinalIgnoreCase)
                    || text.AsSpan(masked.ToDocument(m.Index, m.Index + 1).Start).StartsWith("the ", StringComparison.OrdinalIgnoreCase));
            found.Add((masked, m, m.Groups["noun"].Value, false, definite));
        }

        foreach (Match m in ByAfter().Matches(masked.Text))
        {
            // "an investigation by the X, the Y and the Z" names every investigator in one list.
            var list = ListAfter(masked.Text, m.Index + m.Length);
            if (list.Count > 0)
            {
                var draft = new Draft
                {
                    Sentence = sentence,
                    Noun = m.Groups["noun"].Value.ToLowerInvariant(),
                    Evidence = (sentence.Start, sentence.End),
                    Span = masked.ToDocument(m.Index, m.Index + m.Length),
                };
                draft.Investigators.Add(MaskedSentence.EntityOf(m.Groups["by"].Value));
                draft.Investigators.AddRange(list);
                draft.Case = DefiniteBefore(masked.Text, m.Index);
                draft.Rule = "investigation-by-list";
                draft.Subjects.AddRange(subjects.Where(x => !draft.Investigators.Contains(x)));
                drafts.Add(draft);
                continue;
            }

            found.Add((masked, m, m.Groups["noun"].Value, false, false));
        }

        foreach (Match m in CaseInvestigatedBy().Matches(masked.Text))
        {
            var list = ListAfter(masked.Text, m.Index + m.Length, first: true);
            if (list.Count == 0)
            {
                continue;
            }

            var noun = m.Groups["noun"].Value.ToLowerInvariant();
            var draft = new Draft
            {
                Sentence = sentence,
                Noun = noun is "case" or "matter" ? "investigation" : noun,
                Evidence = (sentence.Start, sentence.End),
                Span = (sentence.Start, sentence.End),
            };
            draft.Investigators.AddRange(list);
            draft.Subjects.AddRange(subjects.Where(x => !draft.Investigators.Contains(x)));
            draft.Case = true;
            draft.Rule = "case-investigated-by";
            drafts.Add(draft);
        }

        foreach (Match m in InvestigatorsFrom().Matches(masked.Text))
        {
            found.Add((masked, m, "investigation", false, false));
        }

        foreach (Match m in ActedOn().Matches(masked.Text))
        {
            subjects.Add(MaskedSentence.EntityOf(m.Groups["subject"].Value));
        }

        // Verbs are matched with asides removed, so "X, who sits on Y, has called for hearings" finds X.
        var plain = masked.WithoutAsides();
        foreach (Match m in ByVerb().Matches(plain.Text))
        {
            found.Add((plain, m, m.Groups["noun"].Value, RequestedCue().IsMatch(m.Value), false));
        }

        foreach (Match m in FutureVerb().Matches(plain.Text))
        {
            // "the probe would examine": the investigation is the subject, not the person named before it.
            var by = m.Groups["by"];
            if (InvestigationWord().IsMatch(plain.Text.AsSpan(by.Index + by.Length, m.Groups["verb"].Index - by.Index - by.Length)))
            {
                continue;
            }

            if (m.Groups["subject"].Success)
            {
                subjects.Add(MaskedSentence.EntityOf(m.Groups["subject"].Value));
            }

            var noun = m.Groups["verb"].Value.ToLowerInvariant() switch
            {
                "investigate" => "investigation",
                "examine" => "examination",
                "look into" => "inquiry",
                "scrutinise" or "scrutinize" => "review",
                var verb => verb,
            };
            found.Add((plain, m, noun, false, false));
        }

        foreach (Match m in Requested().Matches(plain.Text))
        {
            found.Add((plain, m, "investigation", true, false));
        }

        foreach (Match m in VerbSubject().Matches(plain.Text))
        {
            subjects.Add(ApposedPerson(plain.Text, m.Groups["subject"]));
            found.Add((plain, m, "investigation", false, false));
        }

        foreach (Match m in InformationRequest().Matches(plain.Text))
        {
            found.Add((plain, m, "inquiry", true, false));
        }

        if (found.Count == 0 && subjects.Count > 0)
        {
            // "an investigation into X" with no named investigator.
            var first = SubjectAfter().Match(masked.Text);
            var match = first.Success ? first : SubjectUnder().Match(masked.Text);
            found.Add((masked, match, "investigation", RequestedCue().IsMatch(masked.Text), false));
        }

        var leading = masked.LeadingEntity(_ => true);
        var seen = new HashSet<int>();
        foreach (var (source, match, noun, requested, isCase) in found)
        {
            var draft = new Draft
            {
                Case = isCase,
                Sentence = sentence,
                Noun = noun.ToLowerInvariant(),
                Requested = requested,
                Evidence = (sentence.Start, sentence.End),
                Span = source.ToDocument(match.Index, match.Index + match.Length),
            };
            foreach (var group in new[] { "by", "by2", "asked" })
            {
                if (match.Groups[group].Success)
                {
                    draft.Investigators.Add(MaskedSentence.EntityOf(match.Groups[group].Value));
                }
            }

            // An information request is made by the sentence's subject, not by whoever it is addressed to.
            if (noun == "inquiry" && requested && leading >= 0 && !draft.Investigators.Contains(leading) && !subjects.Contains(leading))
            {
                draft.Investigators.Clear();
                draft.Investigators.Add(leading);
            }

            if (draft.Investigators.Count > 0 && !seen.Add(draft.Investigators[0]))
            {
                continue;
            }

            draft.Subjects.AddRange(subjects.Where(x => !draft.Investigators.Contains(x)));
            drafts.Add(draft);
        }
    }

}
