using System.Text.RegularExpressions;
using RelationGraph.Core.Extraction.Resolution;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Extraction.Relations;

/// <summary>
/// Finds typed facts between people and organisations with patterns over masked sentences: titles and
/// appositions ("X's chief Y", "Y, chief executive of X"), possessive associations ("X's right-hand man Y"),
/// communication ("X met Y", "a letter to Y"), funding and membership. Co-mention alone is never a fact.
/// </summary>
internal sealed partial class RelationFinder
{
    private const string AssociateNoun = "(?:(?:former |longtime |long-time |close |then-)?(?:campaign (?:chief|chairman|manager|aide|adviser|advisor)|business partner|wealth manager|chief of staff|co-defendant|co-conspirator|accountant|banker)|lawyer|attorney|spokesman|spokeswoman|spokesperson|right-hand man|right-hand woman|right hand|close ally|ally|allies|close associate|associate|confidant|confidante|longtime friend|close friend|friend|buddy|business partner|protégé|protege|adviser|advisor|aide|fixer|crony|consigliere)";
    private const string CommVerb = "(?:met|meets|meeting|spoke|speaks|spoken|talked|talks|talking|chatted|chats|chatting|called|calls|phoned|phones|texted|texts|messaged|messages|emailed|emails|wrote to|writes to|written to|corresponded|corresponds|visited|visits|negotiated|negotiates)";

    private readonly (string Rule, Regex Regex)[] _rolePatterns;
    private readonly (string Rule, Regex Regex, RelationType Type, double Confidence, Need Need)[] _fixedPatterns;
    private readonly Regex _anyFixedPattern;
    private readonly Regex _hisAssociate;
    private readonly Lexicon _lexicon;

    public RelationFinder(Lexicon lexicon)
    {
        _lexicon = lexicon;
        var titles = "(?:" + string.Join('|', lexicon.Titles.Keys
            .Where(t => lexicon.Titles[t] != RoleClass.Honorific)
            .OrderByDescending(t => t.Length)
            .Select(Regex.Escape)) + ")";
        const string Mod = @"(?:(?:former|new|acting|interim|then-|longtime|long-time|current|incoming|outgoing|founding|deputy|assistant|senior|top|veteran) )*";
        // the field of a title, in lower case: "vice president for government contracts at", "director of sales at"
        const string Field = @"(?: (?:for|of) (?:[\p{Ll}\-]+ ){0,2}[\p{Ll}\-]+)?";
        _rolePatterns =
        [
            ("org-title-person", Pattern.Build(@"{O:o}{POS}? " + Mod + @"{T:t}(?: and [\p{L}\- ]{1,30}?)?,? {P:p}", titles)),
            ("org-whose-title-person", Pattern.Build(@"{O:o},? whose " + Mod + "{T:t},? {P:p}", titles)),
            ("appositive-title-of-org", Pattern.Build(@"{P:p}{RES}, (?:who is |who was |is |was )?(?:the |a |an |its |their )?" + Mod + "(?:{W} ){0,2}?{T:t}" + Field + " (?:of|at|for|with) (?:the )?{O:o}", titles)),
            ("appositive-org-title", Pattern.Build(@"{P:p}, (?:the |a |an )?" + Mod + "{O:o}{POS}? " + Mod + "{T:t}", titles)),
            ("title-of-org-person", Pattern.Build(@"{T:t} (?:of|at) (?:the )?{O:o},? {P:p}", titles)),
            ("copula-title-of-org", Pattern.Build(@"{P:p} (?:is|was|has been|had been|became|becomes|served as|serves as|will become|was named|was appointed|named|as|worked as|works as) (?:the |a |an |its )?" + Mod + "(?:{W} ){0,2}?{T:t}" + Field + " (?:of|at|for) (?:the )?{O:o}", titles)),

            // "X took over as chief executive of Y", "X was promoted to general counsel at Y", "Y named X as its chairman".
            ("became-title-of-org", Pattern.Build(@"{P:p} (?:has |had )?(?:took over as|takes over as|stepped in as|took the helm as|returned as|joined as|was promoted to|was hired as|was elected|was installed as|was confirmed as) (?:the |a |an |its )?" + Mod + @"(?:[\p{L}\-]+ and )?{T:t} (?:of|at|for) (?:the )?{O:o}", titles)),
            ("org-named-person-title", Pattern.Build(@"{O:o} (?:has |had )?(?:named|appointed|hired|tapped|picked|chose|elected|promoted) {P:p},? (?:as )?(?:its |the |a |an |{O} )?" + Mod + "{T:t}", titles)),

            // Formal register. "Acting Assistant Attorney General X of the Criminal Division's Fraud Section",
            // "Trial Attorney X and Assistant Chief Y of the Z" (the first of a pair; the second matches on its own).
            ("title-person-of-org", Pattern.Build(@"{T:t} {P:p}(?:,? (?:and )?(?:[\p{L}.\-]+ ){0,5}?{P}){0,3},? (?:of|for|at|with) (?:the )?{O:o}(?:{POS} {O:o2})?", titles)),

            // "X, Assistant Director in Charge of the FBI's Washington Field Office", "X, a former sales representative for Y".
            ("appositive-title-in-charge-of", Pattern.Build(@"{P:p}(?: \(\p{Lu}[\p{L}\-]+\))?{RES}, (?:the |a |an |who is |who was )?" + Mod + @"(?:[\p{L}\-]+ ){0,2}?{T:t}(?: in charge)? (?:of|for|at|with|in charge of) (?:the )?{O:o}(?:{POS} {O:o2})?", titles)),

            // Signature blocks: "X, Special Agent in Charge, U.S. Department of Commerce; Office of Export Enforcement".
            ("signature-block", Pattern.Build(@"{P:p}, " + Mod + @"{T:t}, (?:the )?{O:o}(?:[,;] (?:the )?{O:o2})?", titles)),
        ];

        _fixedPatterns = BuildFixed(titles);

        // Every fixed pattern at once: a sentence that none of them matches (three in four with two entities) is scanned
        // once instead of forty times. The patterns are regular (no lookarounds or backreferences in this engine), so
        // their alternation matches a sentence exactly when one of them does.
        _anyFixedPattern = new Regex("(?:" + string.Join(")|(?:", _fixedPatterns.Select(p => p.Regex.ToString())) + ")", Pattern.Options);
        _hisAssociate = Pattern.Build(@"\b(?:his|her) (?:(?:former|longtime|long-time|close|old|one-time) )?(?:business partner|wealth manager|campaign (?:chief|manager|aide)|chief of staff|co-defendant|co-conspirator|accountant|banker|buddy|pal|friend|ally|confidant|associate|close friend|old friend|longtime friend|right-hand man|protégé|wife|husband|son|daughter|brother|sister|father|mother|brother-in-law|sister-in-law|son-in-law|daughter-in-law|father-in-law|nephew|niece|cousin|partner|girlfriend|boyfriend),? {P:b}", titles);
    }

    /// <summary>How many people, organisations and entities of either kind a pattern needs, so most sentences skip it cheaply.</summary>
    private readonly record struct Need(int People, int Organisations, int Any)
    {
        public static Need Of(string notation) => new(
            Regex.Count(notation, @"\{P[:}]"), Regex.Count(notation, @"\{O[:}]"), Regex.Count(notation, @"\{[POE][:}]"));

        public bool MetBy(int people, int organisations) => people >= People && organisations >= Organisations && people + organisations >= Any;
    }

    private static (string, Regex, RelationType, double, Need)[] BuildFixed(string titles)
    {
        (string Rule, string Notation, RelationType Type, double Confidence)[] patterns =
        [
            ("possessive-associate-noun", @"{P:a}{POS} " + AssociateNoun + ",? {P:b}", RelationType.AssociatedWith, 0.85),
            ("appositive-associate-noun", @"{P:b}, {P:a}{POS} " + AssociateNoun, RelationType.AssociatedWith, 0.85),
            ("aide-to", @"{P:b},? (?:then |now |later |once )?(?:a |an |the )?(?:former |senior |top |longtime )?(?:campaign |political |personal |foreign policy )?(?:aide|adviser|advisor|strategist|consultant|lobbyist|fundraiser|chief|manager|chairman) (?:to|for) (?:[\p{L}\-]+ ){0,4}?{P:a}", RelationType.AssociatedWith, 0.7),
            ("associate-of", @"{P:b},? (?:is |was |a |an |the |former |one-time )*(?:close |longtime |long-time |old |senior |personal |top )?(?:ally|associate|friend|confidant|business partner|adviser|advisor|aide|protégé|protege|fixer|lawyer|attorney) (?:of|to) (?:\p{Lu}[\p{L}.]+ )?{P:a}", RelationType.AssociatedWith, 0.8),
            ("pair-are-allies", @"{P:a} and {P:b} (?:are|were|have been|had been) (?:close |longtime |old )?(?:allies|friends|associates|business partners|partners)", RelationType.AssociatedWith, 0.8),
            ("possessive-company", @"{P:a}{POS} (?:company |firm |own |companies )?{O:b}", RelationType.AssociatedWith, 0.6),
            ("slid-into-messages", @"{P:a}(?: {W}){0,3} (?:slid|slides|slipped|sliding) into {P:b}{POS} (?:DMs|inbox|messages|direct messages)", RelationType.CommunicatesWith, 0.8),
            ("communication-verb", @"{P:a}(?: (?:has|had|have|also|reportedly|later|then|even|repeatedly|privately|secretly|regularly|often|allegedly|twice|once|personally|directly))* " + CommVerb + "(?: with| to)? (?:{W} ){0,2}?{P:b}", RelationType.CommunicatesWith, 0.75),
            ("talks-between", @"(?:talks|conversations?|calls?|phone calls?|meetings?|chats?|correspondence|exchanges|messages|negotiations) (?:between|with) {P:a} and {P:b}", RelationType.CommunicatesWith, 0.75),
            ("pair-met", @"{P:a} and {P:b} (?:have |had |also |reportedly |then |later )*(?:met|spoke|spoken|talked|chatted|corresponded|exchanged messages|held talks|speak|talk|meet|negotiated)", RelationType.CommunicatesWith, 0.75),
            ("letter-to", @"{P:a}(?: {W}){0,4} (?:letter|email|message|note|memo|text) to {P:b}", RelationType.CommunicatesWith, 0.75),
            ("contacts-including", @"{P:a}(?: {W}){0,6} contacts?(?: list| book)?,? including (?:{P}{POS} (?:[\p{L}\-]+ ){1,3})?{P:b}", RelationType.CommunicatesWith, 0.6),
            ("funded-verb", @"{E:a} (?:has |have |had |also |reportedly |secretly )*(?:funded|funds|financed|finances|bankrolled|bankrolls|sponsored|sponsors|donated (?:[^\uE000\uE001]{1,30} )?to|gave (?:[^\uE000\uE001]{1,30} )?to|contributed (?:[^\uE000\uE001]{1,30} )?to|paid (?:[^\uE000\uE001]{1,30} )?to) (?:the )?{E:b}", RelationType.Funds, 0.75),
            ("funded-by", @"{E:b}(?: {W}){0,6} (?:funded|financed|bankrolled|sponsored|backed) by (?:the )?{E:a}", RelationType.Funds, 0.7),
            ("received-from", @"{E:b} (?:has |have |had |also |reportedly |secretly )*(?:received|receives|got|gets|accepted|took)(?: [^\s\uE000\uE001]+){0,6} from (?:the )?{E:a}", RelationType.Funds, 0.55),
            ("joined-worked-for", @"{P:a}(?: (?:[\p{L}\d\-]+|\uE000O\d+\uE001)){0,8},? (?:and )?(?:previously |formerly |once |also |later |had |has |have |earlier )*(?:joined|works for|worked for|works at|worked at|was hired by|is employed by|was employed by|went to work for) (?:the )?{O:b}", RelationType.EmployedBy, 0.7),
            ("heads-verb", @"{P:a},? (?:who )?(?:has |had |have |also |now |still )*(?:heads|headed|leads|led|chairs|chaired|runs|ran|run|manages|managed) (?:the )?(?:[\p{L}\-]+(?:'s|’s) )?{O:b}", RelationType.Leads, 0.75),
            ("led-by", @"{O:b},? (?:which |that )?(?:is |was |has been |a |an |the )?(?:[\p{L}\-]+ ){0,3}?(?:led|headed|chaired|run|managed) by (?:his |her |their |its |the )?(?:[\p{L}\-]+,? ){0,2}?{P:a}", RelationType.Leads, 0.8),
            ("owned-by", @"{O:b},? (?:which |that )?(?:is |was |has been |a |an |the )?(?:[\p{L}\-]+ ){0,3}?(?:owned|co-owned|controlled) by (?:his |her |their |its |the )?(?:[\p{L}\-]+,? ){0,2}?{P:a}", RelationType.Owns, 0.8),
            ("sits-on", @"{P:a},? (?:who )?(?:has |had |also |now |still )*(?:sits|sat|serves|served|is|was) on (?:the )?{O:b}", RelationType.MemberOf, 0.75),
            ("ran-role-at", @"{P:a} (?:previously |formerly |once |also |later )*(?:ran|led|headed|managed|oversaw|runs|leads|heads|manages) (?:the |a |an |its )?(?:[\p{L}\-]+ ){1,3}(?:at|of) (?:the )?{O:b}", RelationType.EmployedBy, 0.6),
            ("owns-verb", @"{P:a},? (?:who )?(?:owns|owned|bought|acquired|controls|controlled) (?:the |(?:a|an|the) (?:[\p{L}\-]+ ){0,3}?(?:company|firm|business|corporation|entity) (?:named|called),? )?{O:b}", RelationType.Owns, 0.75),
            ("owner-founder-of", @"{P:a}{RES}, (?:the |a |an )?(?:former )?(?:majority |sole |co-)?(?:owner|founder|co-founder)(?: and [\p{L} \-]{1,30})? of (?:the )?{O:b}", RelationType.Owns, 0.85),
            ("member-of", @"{P:a}{RES},? (?:is |was |a |an |the )*(?:former |longtime |senior |board )?members? of (?:the )?{O:b}", RelationType.MemberOf, 0.8),
            ("org-role-noun", @"{P:a}{RES},? (?:a |an |the )?(?:former |ex-)?{O:b} (?:agent|spy|officer|official|employee|staffer|operative|lawyer|engineer|analyst|executive)", RelationType.EmployedBy, 0.75),
            ("org-employees-list", @"(?:former |current |two |three |several )*{O:b}{POS}? (?:employees|executives|officials|officers|staff members|workers),? (?:including |namely )?(?:{P}(?:,| and|, and) ){0,4}{P:a}", RelationType.EmployedBy, 0.7),
            ("org-employees", @"(?:former |current |two |three |several )*{O:b}{POS}? (?:employees|executives|officials|officers|staff members|workers),? (?:including |namely )?{P:a}", RelationType.EmployedBy, 0.7),
            ("his-corporation", @"{P:a} and (?:his|her|their) (?:company|corporation|firm|business|companies),? {O:b}", RelationType.Owns, 0.8),
            ("parent-company", @"{O:b}{POS}? (?:[\p{L}\-]+ ){0,3}parent(?: company| firm| corporation| group)?,? {O:a}", RelationType.Owns, 0.75),
            ("subsidiary-of", @"{O:b}, (?:a |an )?(?:wholly[- ]owned )?(?:subsidiary|unit|division|affiliate) of (?:the )?{O:a}", RelationType.Owns, 0.75),
            ("a-unit-of", @"{O:b}, (?:a |an )(?:unit of |division of |subsidiary of )?{O:a}(?: (?:company|subsidiary|unit|affiliate))?,", RelationType.Owns, 0.65),
            ("who-works-for", @"{P:a},? who (?:now |currently |previously |formerly |also |still |once )*(?:works|worked|has worked|had worked|is employed|was employed) (?:for|at|with|by) (?:the )?{O:b}", RelationType.EmployedBy, 0.75),
            ("adviser-to-org", @"{P:a}{RES}, (?:a |an |the )?(?:former |senior |longtime |long-time |special |outside )?(?:adviser|advisor|consultant|partner|contractor|lobbyist) (?:to|at|for|with) (?:the )?{O:b}", RelationType.EmployedBy, 0.65),
            ("board-member-at", @"{P:a},? (?:a |an |who is a |is a |was a )?(?:former |longtime )?(?:board member|member of the board|trustee|director) (?:at|of) (?:the )?{O:b}", RelationType.MemberOf, 0.7),
            ("does-business-with", @"{O:a} (?:has |had |have |also |already |long )*(?:done business|does business|do business|worked|works|partnered|partners|collaborated|has a (?:[\p{L}\-]+ ){0,3}(?:agreement|deal|partnership)|signed (?:a |an |the )?(?:[\p{L}\-]+ ){0,3}(?:agreement|deal|pact|partnership)|entered (?:into )?(?:a |an )?(?:[\p{L}\-]+ ){0,3}(?:agreement|partnership)) with (?:the )?{O:b}", RelationType.ContractsWith, 0.7),
            ("supplies-org", @"{O:a} (?:has |had |also |long )*(?:supplies|supplied|provides|provided|sells|sold|delivers|delivered|services|serviced) (?:the )?{O:b} with", RelationType.ContractsWith, 0.7),
            ("supplier-to", @"{O:a},? (?:is |was |has been |a |an |the )*(?:main |key |longtime |long-time |sole |major |leading |preferred )?(?:supplier|contractor|vendor|provider|subcontractor) (?:to|for|of) (?:the )?{O:b}", RelationType.ContractsWith, 0.7),
            ("holds-stake", @"{E:a},? (?:which |who )?(?:has |had |also |now |still )*(?:owns|owned|acquired|bought|holds|held|controls|controlled) (?:a |an |the )?(?:[\d.]+(?: |-)?(?:percent|per cent|%) |majority |controlling |minority |large |small |significant )?(?:stake|interest|share|shares|holding) in (?:the )?{O:b}", RelationType.Owns, 0.75),
            ("has-owned", @"{E:a},? (?:which |who )?(?:has |had )(?:owned|controlled) (?:the )?{O:b}", RelationType.Owns, 0.75),
            ("org-owns-org", @"{O:a},? (?:which |that )?(?:owns|acquired|bought|controls|took over) (?:the )?{O:b}", RelationType.Owns, 0.7),
            ("org-owned-by", @"{O:b},? (?:which |that )?(?:is |was |has been |had been )(?:wholly |majority |partly |jointly )?(?:owned|controlled|acquired) by (?:the )?{O:a}", RelationType.Owns, 0.75),
            ("is-subsidiary-of", @"{O:b} (?:is|was|became|has been) (?:a |an |the )?(?:wholly[- ]owned )?(?:subsidiary|unit|division|affiliate) of (?:the )?{O:a}", RelationType.Owns, 0.75),
            // a former post: "X spent 12 years at Y before leaving", "X resigned from Y in 2020"
            ("spent-years-at", @"{P:a} (?:had )?spent (?:(?:more than|nearly|almost|about|over) )?(?:[\p{L}\d\-]+ ){1,2}(?:years|decades|months) (?:at|with|in) (?:the )?{O:b}", RelationType.EmployedBy, 0.7),
            ("left-post-at", @"{P:a} (?:has |had |later |eventually )*(?:left|resigned from|quit|retired from|stepped down from|was fired by|was dismissed by|departed) (?:the |his post at (?:the )?|her post at (?:the )?|a job at (?:the )?|his job at (?:the )?|her job at (?:the )?)?{O:b}", RelationType.EmployedBy, 0.6),
            ("sent-letter-to", @"{P:a}(?: {W}){0,3} (?:sent|wrote|addressed|delivered) (?:a |an |the )?(?:letter|letters|email|memo|request) to (?:[\p{L}.\-]+ ){0,6}?{P:b}", RelationType.CommunicatesWith, 0.7),
        ];
        return [.. patterns.Select(p => (p.Rule, Pattern.Build(p.Notation, titles), p.Type, p.Confidence, Need.Of(p.Notation)))];
    }

    /// <summary>Adds the facts of one masked sentence.</summary>
    public void Find(MaskedSentence masked, List<EntityDraft> entities, List<FactDraft> facts)
    {
        if (masked.EntitiesInOrder.Count < 2 || masked.Sentence.IsHeading)
        {
            return;
        }

        var sentence = masked.Sentence;
        var people = 0;
        foreach (var entity in masked.EntitiesInOrder)
        {
            if (entities[entity].Kind == EntityKind.Person)
            {
                people++;
            }
        }

        var organisations = masked.EntitiesInOrder.Count - people;
        foreach (var (rule, regex) in organisations > 0 && people > 0 && HasTitleWord(masked.Text) ? _rolePatterns : [])
        {
            // Overlapping matches: in "Chief X and Attorney Y of Z" the match for X spans the one for Y.
            // The next search starts after this match's title, so "Attorney General X" is not found again inside
            // "Assistant Attorney General X".
            for (var match = regex.Match(masked.Text); match.Success; match = regex.Match(masked.Text, Math.Max(match.Index + 1, match.Groups["t"].Index + match.Groups["t"].Length)))
            {
                var title = match.Groups["t"].Value.ToLowerInvariant();
                if (!_lexicon.Titles.TryGetValue(title, out var role))
                {
                    continue;
                }

                var prefix = match.Value.ToLowerInvariant();
                if (role == RoleClass.Head && (prefix.Contains("deputy ", StringComparison.Ordinal) || prefix.Contains("assistant ", StringComparison.Ordinal) || prefix.Contains("vice ", StringComparison.Ordinal)))
                {
                    role = RoleClass.Staff;
                }

                // "a director at X" is one of several; "the director of X" heads it.
                var before = match.Groups["t"].Index - match.Index;
                if (role == RoleClass.Head && before >= 2 && (prefix[..before].EndsWith(" a ", StringComparison.Ordinal) || prefix[..before].EndsWith(" an ", StringComparison.Ordinal)
                    || prefix[..before].EndsWith(", a ", StringComparison.Ordinal)))
                {
                    role = RoleClass.Staff;
                }

                RelationType? type = role switch
                {
                    RoleClass.Head => RelationType.Leads,
                    RoleClass.Owner => RelationType.Owns,
                    RoleClass.Member => RelationType.MemberOf,
                    RoleClass.Staff => RelationType.EmployedBy,
                    _ => null,
                };
                if (type is not { } relation)
                {
                    continue;
                }

                var person = Entity(match, "p");
                var organisation = Entity(match, "o");

                // An inspector general heads the inspector general's office, and works for the department it oversees.
                if (title.EndsWith("inspector general", StringComparison.Ordinal) && relation == RelationType.EmployedBy
                    && entities[match.Groups["o2"].Success ? Entity(match, "o2") : organisation].Name.Contains("Inspector General", StringComparison.OrdinalIgnoreCase))
                {
                    relation = RelationType.Leads;
                }

                // "the Widget Agency Inspector General X": X works for the agency and heads its inspector general's office,
                // when the document names that office.
                if (title.EndsWith("inspector general", StringComparison.Ordinal) && relation == RelationType.EmployedBy && !match.Groups["o2"].Success
                    && OfficeOfInspectorGeneral(entities, entities[organisation].Name) is var office and >= 0)
                {
                    Add(facts, RelationType.Leads, person, office, sentence, 0.75, rule + "+office");
                }

                if (match.Groups["o2"].Success)
                {
                    // "of the Criminal Division's Fraud Section": a unit and its parent. The head leads the unit and works
                    // for the parent; anyone else works for both.
                    var unit = Entity(match, "o2");
                    Add(facts, relation, person, unit, sentence, 0.85, rule);
                    Add(facts, relation == RelationType.Leads ? RelationType.EmployedBy : relation, person, organisation, sentence, 0.8, rule + "+parent");
                }
                else
                {
                    Add(facts, relation, person, organisation, sentence, 0.85, rule);
                }
            }
        }

        foreach (var (rule, regex, type, confidence, need) in _anyFixedPattern.IsMatch(masked.Text) ? _fixedPatterns : [])
        {
            if (!need.MetBy(people, organisations))
            {
                continue;
            }

            foreach (Match match in regex.Matches(masked.Text))
            {
                var a = Entity(match, "a");
                var b = Entity(match, "b");
                if (a != b)
                {
                    Add(facts, type, a, b, sentence, confidence, rule);
                }
            }
        }

        FindLetters(masked, facts);
        FindCoDefendants(masked, entities, facts);

        // "his buddy Y": the owner of "his" is the sentence's first person.
        var subject = masked.LeadingEntity(e => entities[e].Kind == EntityKind.Person);
        if (subject < 0 && masked.EntitiesInOrder.Count > 0 && entities[masked.EntitiesInOrder[0]].Kind == EntityKind.Person)
        {
            subject = masked.EntitiesInOrder[0];
        }

        if (subject >= 0)
        {
            foreach (Match match in _hisAssociate.Matches(masked.Text))
            {
                var b = Entity(match, "b");
                if (b != subject)
                {
                    Add(facts, RelationType.AssociatedWith, subject, b, sentence, 0.6, "his-associate");
                }
            }
        }
    }

    // "Senator A, Representative B and Representative C sent a letter to D": every person named before the verb
    // wrote to the first person named after it.
    private static void FindLetters(MaskedSentence masked, List<FactDraft> facts)
    {
        var letter = LetterToRegex.Match(masked.Text);
        if (!letter.Success || masked.Text.AsSpan(0, letter.Index).Contains(" that ", StringComparison.Ordinal))
        {
            return;
        }

        var recipient = FirstPersonAfter(masked.Text, letter.Index + letter.Length, 80);
        if (recipient < 0)
        {
            return;
        }

        // "a letter urging Acme Postmaster General X to ...": after "urging" the addressee comes first, titled at most.
        if (letter.Groups["urging"].Success && !AddresseeOnly().IsMatch(masked.Text.AsSpan(letter.Index + letter.Length)))
        {
            return;
        }

        foreach (Match sender in PersonPlaceholderRegex.Matches(masked.Text[..letter.Index]))
        {
            var person = MaskedSentence.EntityOf(sender.Groups["p"].Value);
            if (person != recipient)
            {
                Add(facts, RelationType.CommunicatesWith, person, recipient, masked.Sentence, 0.75, "letter-senders");
            }
        }
    }

    // "Jane Roe and John Doe pleaded guilty": people charged together are associated with each other.
    private static void FindCoDefendants(MaskedSentence masked, List<EntityDraft> entities, List<FactDraft> facts)
    {
        var verb = ChargedTogetherRegex.Match(masked.Text);
        if (!verb.Success)
        {
            return;
        }

        var people = masked.SubjectListBefore(verb.Index).Where(e => entities[e].Kind == EntityKind.Person).Distinct().ToList();
        for (var a = 0; a < people.Count; a++)
        {
            for (var b = a + 1; b < people.Count; b++)
            {
                Add(facts, RelationType.AssociatedWith, people[a], people[b], masked.Sentence, 0.6, "co-defendants");
            }
        }
    }

    // The inspector general's office of an agency: the one whose name contains the agency's, or the document's only one.
    private static int OfficeOfInspectorGeneral(List<EntityDraft> entities, string agency)
    {
        int only = -1, offices = 0;
        for (var e = 0; e < entities.Count; e++)
        {
            var name = entities[e].Name;
            if (entities[e].Kind != EntityKind.Organisation || entities[e].Spans.Count == 0 || !name.Contains("Inspector General", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Contains(agency, StringComparison.OrdinalIgnoreCase))
            {
                return e;
            }

            only = e;
            offices++;
        }

        return offices == 1 ? only : -1;
    }

    private static int FirstPersonAfter(string masked, int position, int within)
    {
        foreach (Match m in PersonPlaceholderRegex.Matches(masked, position))
        {
            return m.Index - position <= within ? MaskedSentence.EntityOf(m.Groups["p"].Value) : -1;
        }

        return -1;
    }

    private static readonly Regex LetterToRegex = new(@"\b(?:sent|send|sends|wrote|write|writes|addressed|delivered) (?:a |an |the |their |his |her )?(?:joint |bipartisan |formal )?(?:letters?|e-?mails?|memos?|requests?) (?:(?:on [^\uE000\uE001]{1,40} )?to|(?<urging>urging|asking|calling on|pressing))\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    [GeneratedRegex("^ (?:the )?(?:\uE000O\\d+\uE001(?:'s|’s)? )?(?:\\p{Lu}[\\p{L}.\\-]* ){0,4}\uE000P\\d+\uE001", RegexOptions.CultureInvariant, RegexLimits.MatchTimeoutMs)]
    private static partial Regex AddresseeOnly();

    private static readonly Regex PersonPlaceholderRegex = new("\uE000P(?<p>\\d+)\uE001", RegexOptions.CultureInvariant);

    private static readonly Regex ChargedTogetherRegex = new(@"\b(?:were|have been|had been) (?:both |each |jointly |originally |also )*(?:indicted|charged|convicted|sentenced|ordered to pay|arrested)\b|\b(?:both|each) (?:pleaded|pled) guilty\b",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    // Role patterns all need a title; most sentences have none, and a word scan is far cheaper than six regexes.
    private bool HasTitleWord(string text)
    {
        var lookup = _lexicon.TitleFirstWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && !char.IsLetter(span[i]))
            {
                i++;
            }

            var start = i;
            while (i < span.Length && (char.IsLetter(span[i]) || span[i] == '-'))
            {
                i++;
            }

            if (i > start && lookup.Contains(span[start..i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int Entity(Match match, string group) => MaskedSentence.EntityOf(match.Groups[group].Value);

    private static void Add(List<FactDraft> facts, RelationType type, int subject, int obj, Segmentation.Sentence sentence, double confidence, string rule) =>
        facts.Add(new FactDraft(type, subject, obj, sentence.Start, sentence.End, confidence, sentence.Index) { Rule = rule });
}
