using System.Globalization;
using RelationGraph.Core.Model;

namespace RelationGraph.Bench.PathQuality;

/// <summary>One generated news article with what it truly says: where each entity is printed and which facts it states.</summary>
internal sealed record GeneratedArticle(int Index, string FileName, string Text, IReadOnlyList<TrueSpan> Spans, IReadOnlyList<(int Start, int End)> Sentences, IReadOnlyList<int> Facts);

/// <summary>
/// Writes articles about the world: a story around one fact (a contract award, an investigation, an appointment, money,
/// contacts), widened with facts of the people and organisations it names, among filler prose and quotes. Facts printed
/// less often so far are preferred, so the corpus covers the world.
/// </summary>
internal sealed class ArticleWriter
{
    private readonly World _world;
    private readonly Random _random;
    private readonly int[] _printed;
    private readonly TruePerson[] _reporters;

    public ArticleWriter(World world, int seed)
    {
        _world = world;
        _random = new Random(seed);
        _printed = new int[world.Facts.Count];
        _reporters = [.. world.People.Where(p => p.Reporter)];
    }

    /// <summary>A planned sentence: its templates, its slots and the facts it states.</summary>
    private sealed record Beat(string[] Templates, int A, int B, int C = -1, int D = -1, Role? Role = null, int[]? Facts = null);

    public GeneratedArticle Write(int index)
    {
        var text = new ArticleText();
        var mentions = new DocumentMentions(_world, _random, text);
        var (beats, focus, headline) = Plan();
        mentions.Focus = focus;
        var fillers = Vocabulary.Filler.OrderBy(_ => _random.Next()).ToList();
        var nextFiller = 0;
        string Filler() => fillers[nextFiller++ % fillers.Count];

        mentions.Headline = true;
        Sentence(text, mentions, headline, Pick(headline.Templates));
        mentions.Headline = false;
        text.Append("\n\n");
        if (_random.NextDouble() < 0.7)
        {
            text.Append("By ");
            mentions.Byline(Pick(_reporters));
            text.Append("\n\n");
        }

        text.Append(string.Create(CultureInfo.InvariantCulture,
            $"{Pick(NameLists.Regions).ToUpperInvariant()}, {Pick(Vocabulary.Months)} {_random.Next(1, 29)} ({Pick(Vocabulary.Outlets)}) — "));
        var facts = new List<int>();
        for (var i = 0; i < beats.Count; i++)
        {
            if (i > 0)
            {
                text.Append(_random.NextDouble() < 0.55 ? "\n\n" : " ");
            }

            Sentence(text, mentions, beats[i], Pick(beats[i].Templates));
            facts.AddRange(beats[i].Facts ?? []);
            if (_random.NextDouble() < 0.45)
            {
                text.Append(" ");
                Remark(text, mentions, beats[i]);
            }

            for (var filler = _random.Next(0, 4); filler > 0; filler--)
            {
                text.Append(" " + Filler());
            }

            if (i == beats.Count / 2)
            {
                text.Append($"\n\n{Filler()} {Filler()} {Filler()}");
            }
        }

        text.Append($"\n\n{Filler()} {Filler()} {Filler()}\n");
        foreach (var fact in facts.Distinct())
        {
            _printed[fact]++;
        }

        return new GeneratedArticle(index, $"article-{index:D4}.txt", text.ToString(), text.Spans, text.Sentences, [.. facts.Distinct()]);
    }

    private (List<Beat> Beats, int? Focus, Beat Headline) Plan()
    {
        var beats = new List<Beat>();
        var used = new HashSet<int>();
        var events = new HashSet<int>();
        var focal = PickFocal();
        AddBeats(focal, beats, used, events);
        var first = beats[0];
        var involved = new List<int>();
        var target = _random.Next(4, 10);
        for (var attempt = 0; attempt < 60 && used.Count < target; attempt++)
        {
            involved.Clear();
            involved.AddRange(beats.SelectMany(b => new[] { b.A, b.B, b.C, b.D }).Where(e => e >= 0).Distinct());
            // the story's first entities are widened most: the article stays about them
            var entity = involved[(int)(involved.Count * Math.Pow(_random.NextDouble(), 2))];
            var candidates = _world.FactsByEntity[entity].Where(f => !used.Contains(f)).ToList();
            if (candidates.Count > 0)
            {
                AddBeats(_world.Facts[LeastPrinted(candidates)], beats, used, events);
            }
        }

        var headlineTemplates = focal.Type switch
        {
            RelationType.AwardedBy or RelationType.PartyTo => Templates.HeadlineContract,
            RelationType.Investigates or RelationType.SubjectOf => Templates.HeadlineInvestigation,
            _ => Templates.HeadlineOther,
        };
        var focus = new[] { first.B, first.A }.FirstOrDefault(e => e >= 0 && _world[e] is TrueOrganisation, -1);
        return (beats, focus >= 0 ? focus : null, first with { Templates = headlineTemplates });
    }

    private void AddBeats(TrueFact fact, List<Beat> beats, HashSet<int> used, HashSet<int> events)
    {
        switch (fact.Type)
        {
            case RelationType.AwardedBy or RelationType.PartyTo:
                var contract = fact.Type == RelationType.AwardedBy ? fact.Subject : fact.Object;
                if (events.Add(contract))
                {
                    beats.Add(ContractAward((TrueContract)_world[contract], fact.Type == RelationType.PartyTo ? fact.Subject : -1));
                }
                else if (fact.Type == RelationType.PartyTo && !used.Contains(fact.Index))
                {
                    beats.Add(new Beat(Templates.ContractParty, fact.Subject, -1, contract, Facts: [fact.Index]));
                }

                break;
            case RelationType.Investigates or RelationType.SubjectOf:
                var investigation = (TrueInvestigation)_world[fact.Object];
                if (events.Add(investigation.Id))
                {
                    beats.Add(InvestigationOpened(investigation, fact.Type == RelationType.SubjectOf ? fact.Subject : -1));
                }

                if (!beats[^1].Facts!.Contains(fact.Index) && !used.Contains(fact.Index))
                {
                    beats.Add(fact.Type == RelationType.SubjectOf
                        ? new Beat(Templates.InvestigationSubject, -1, fact.Subject, investigation.Id, Facts: [fact.Index])
                        : new Beat(Templates.InvestigationLead, fact.Subject, -1, investigation.Id, Facts: [fact.Index]));
                }

                break;
            default:
                var swap = fact.Type.IsSymmetric() && _random.NextDouble() < 0.5;
                beats.Add(new Beat(FactTemplates(fact), swap ? fact.Object : fact.Subject, swap ? fact.Subject : fact.Object, Role: fact.Role, Facts: [fact.Index]));
                break;
        }

        used.UnionWith(beats[^1].Facts!);
        used.Add(fact.Index);
    }

    private Beat ContractAward(TrueContract contract, int preferredParty)
    {
        var first = preferredParty >= 0 ? preferredParty : Pick(contract.Parties);
        var second = contract.Parties.Length > 1 && _random.NextDouble() < 0.35 ? Pick(contract.Parties.Where(p => p != first).ToArray()) : -1;
        var facts = _world.FactsByEntity[contract.Id].Select(f => _world.Facts[f])
            .Where(f => f.Type == RelationType.AwardedBy || (f.Type == RelationType.PartyTo && (f.Subject == first || f.Subject == second)))
            .Select(f => f.Index).ToArray();
        return new Beat(second >= 0 ? Templates.ContractAwardTwoParties : Templates.ContractAward, contract.Awarder, first, contract.Id, second, Facts: facts);
    }

    private Beat InvestigationOpened(TrueInvestigation investigation, int preferredSubject)
    {
        var subject = preferredSubject >= 0 ? preferredSubject : investigation.Subjects[0];
        var facts = _world.FactsByEntity[investigation.Id].Select(f => _world.Facts[f])
            .Where(f => (f.Type == RelationType.Investigates && f.Subject == investigation.Investigator) || (f.Type == RelationType.SubjectOf && f.Subject == subject))
            .Select(f => f.Index).ToArray();
        return new Beat(Templates.InvestigationOpened, investigation.Investigator, subject, investigation.Id, Facts: facts);
    }

    private string[] FactTemplates(TrueFact fact) => fact.Type switch
    {
        RelationType.Leads => Templates.Leads,
        RelationType.EmployedBy => fact.Former ? Templates.EmployedByFormer : Templates.EmployedBy,
        RelationType.MemberOf => ((TrueOrganisation)_world[fact.Object]).Type == OrgType.Company ? Templates.BoardMember : Templates.CommitteeMember,
        RelationType.Owns => _world[fact.Subject] is TrueOrganisation ? [.. Templates.Owns, .. Templates.OwnsByCompany] : Templates.Owns,
        RelationType.Funds => _world[fact.Object] is TruePerson ? [.. Templates.Funds, .. Templates.FundsPerson] : [.. Templates.Funds, .. Templates.FundsOrganisation],
        RelationType.ContractsWith => Templates.ContractsWith,
        RelationType.CommunicatesWith => Templates.CommunicatesWith,
        _ => Templates.AssociatedWith,
    };

    // A story's first fact: contract awards and investigations lead more stories; facts printed less often are preferred.
    private TrueFact PickFocal()
    {
        while (true)
        {
            var fact = Pick(_world.Facts);
            var weight = fact.Type switch
            {
                RelationType.AwardedBy => 1.0,
                RelationType.Investigates when _world[fact.Subject] is TrueOrganisation => 0.8,
                RelationType.PartyTo or RelationType.SubjectOf or RelationType.Investigates => 0.15,
                _ => 0.3,
            };
            if (_random.NextDouble() < weight / Math.Pow(1 + _printed[fact.Index], 2))
            {
                return fact;
            }
        }
    }

    private int LeastPrinted(List<int> facts)
    {
        var total = facts.Sum(f => 1.0 / Math.Pow(1 + _printed[f], 2));
        var roll = _random.NextDouble() * total;
        foreach (var fact in facts)
        {
            roll -= 1.0 / Math.Pow(1 + _printed[fact], 2);
            if (roll <= 0)
            {
                return fact;
            }
        }

        return facts[^1];
    }

    // A sentence that only names someone already in the story: "Redfern said", "Ms. de Groot declined to comment".
    private void Remark(ArticleText text, DocumentMentions mentions, Beat beat)
    {
        var person = new[] { beat.A, beat.B, beat.D }.FirstOrDefault(e => e >= 0 && _world[e] is TruePerson && mentions.IsIntroduced(e), -1);
        if (person >= 0)
        {
            Sentence(text, mentions, new Beat(Templates.PersonRemark, person, -1), Pick(Templates.PersonRemark));
            return;
        }

        var org = new[] { beat.A, beat.B, beat.D }.FirstOrDefault(e => e >= 0 && _world[e] is TrueOrganisation, -1);
        if (org >= 0)
        {
            Sentence(text, mentions, new Beat(Templates.OrganisationRemark, -1, org), Pick(Templates.OrganisationRemark));
        }
    }

    private void Sentence(ArticleText text, DocumentMentions mentions, Beat beat, string template)
    {
        text.BeginSentence();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                text.Append(template[i..]);
                break;
            }

            text.Append(template[i..open]);
            var close = template.IndexOf('}', open);
            Slot(text, mentions, beat, template[(open + 1)..close]);
            i = close + 1;
        }

        text.EndSentence();
    }

    private void Slot(ArticleText text, DocumentMentions mentions, Beat beat, string slot)
    {
        int EntityOf(char letter) => letter switch { 'A' => beat.A, 'B' => beat.B, 'C' => beat.C, _ => beat.D };
        if (slot.Length >= 1 && slot[0] is 'A' or 'B' or 'C' or 'D' && (slot.Length == 1 || !char.IsLetter(slot[1])))
        {
            var entity = EntityOf(slot[0]);
            switch (slot.Length > 1 ? slot[1..] : "")
            {
                case "":
                    mentions.Entity(entity, possessive: false);
                    break;
                case "'s":
                    mentions.Entity(entity, possessive: true);
                    break;
                case ".who":
                    text.Append(_world[entity] is TruePerson ? "who" : "which");
                    break;
                case ".pron":
                    text.Append(_world[entity] is TruePerson person ? person.Female ? "she" : "he" : "it");
                    break;
                default:
                    mentions.Fixed(entity, slot[2..]);
                    break;
            }

            return;
        }

        var contract = beat.C >= 0 ? _world[beat.C] as TrueContract : null;
        var investigation = beat.C >= 0 ? _world[beat.C] as TrueInvestigation : null;
        text.Append(slot switch
        {
            "role" => beat.Role!.Title,
            "role-of" => beat.Role!.WithArticle,
            "as-role" => beat.Role!.AfterAs,
            "year" => (contract?.Year ?? investigation?.Year ?? _random.Next(2012, 2026)).ToString(CultureInfo.InvariantCulture),
            "month" => Pick(Vocabulary.Months),
            "n" => _random.Next(2, 16).ToString(CultureInfo.InvariantCulture),
            "pct" => _random.Next(10, 61).ToString(CultureInfo.InvariantCulture),
            "money" => _random.Next(2) == 0 ? string.Create(CultureInfo.InvariantCulture, $"${_random.Next(2, 95) * 10},000") : string.Create(CultureInfo.InvariantCulture, $"${_random.Next(11, 60) / 10.0:0.0} million"),
            "clause" => Pick(Vocabulary.SaidClauses),
            "quote" => Pick(Vocabulary.Quotes),
            "goods" => Pick(Vocabulary.Goods),
            "achievement" => Pick(Vocabulary.Achievements),
            "request" => Pick(Vocabulary.Requests),
            "topic" => investigation?.Topic ?? Pick(Vocabulary.CompanyTopics),
            "purpose" => contract!.PurposeVerb,
            "amount" => contract!.Amount,
            "noun" => contract!.PurposeNoun,
            _ => throw new InvalidOperationException($"unknown template slot {{{slot}}}"),
        });
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];
}
