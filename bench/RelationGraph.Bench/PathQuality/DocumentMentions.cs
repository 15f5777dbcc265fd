namespace RelationGraph.Bench.PathQuality;

/// <summary>
/// How one document prints its entities, as a newsroom would: a full name (with its title) the first time, then the
/// surname, "Ms. Redfern" or "Sen. Redfern"; an organisation's full name, then its acronym, short name or "the company";
/// "a $3.4 billion contract", then "the deal". Every printed name is recorded as a span of its true entity.
/// </summary>
internal sealed class DocumentMentions(World world, Random random, ArticleText text)
{
    private readonly HashSet<int> _introduced = [];
    private readonly HashSet<int> _acronymPrinted = [];
    private readonly HashSet<int> _withInitial = [];
    private readonly HashSet<int> _titleOnly = [];
    private readonly HashSet<int> _decided = [];
    private readonly Dictionary<OrgType, int> _lastNamed = [];

    // a third of documents use Mr./Ms. on later mentions, as some newspapers do
    private readonly bool _courtesyTitles = random.NextDouble() < 0.3;
    private readonly bool _legalSuffixes = random.NextDouble() < 0.4;

    /// <summary>The organisation the article is about: "the company" may mean it even after another company is named.</summary>
    public int? Focus { get; set; }

    /// <summary>Headline style: short forms, nobody introduced.</summary>
    public bool Headline { get; set; }

    public bool IsIntroduced(int id) => _introduced.Contains(id);

    public void Entity(int id, bool possessive)
    {
        switch (world[id])
        {
            case TruePerson person:
                Person(person);
                break;
            case TrueOrganisation org:
                Organisation(org, possessive);
                break;
            case TrueContract contract:
                Contract(contract);
                break;
            case TrueInvestigation investigation:
                Investigation(investigation);
                break;
        }

        if (possessive)
        {
            text.Append(text.Spans[^1].Text.EndsWith('s') ? "'" : "'s");
        }

        if (!Headline)
        {
            _introduced.Add(id);
        }
    }

    /// <summary>A fixed word printed as a span of the entity: "under investigation", "is investigating".</summary>
    public void Fixed(int id, string word)
    {
        text.AppendSpan(word, id, SpanForm.Phrase);
        if (!Headline)
        {
            _introduced.Add(id);
        }
    }

    /// <summary>A byline: the reporter's name as the paper prints it.</summary>
    public void Byline(TruePerson reporter) => text.AppendSpan(reporter.FullName(withInitial: reporter.Initial is not null), reporter.Id, SpanForm.FullName);

    private void Person(TruePerson person)
    {
        if (_decided.Add(person.Id))
        {
            if (person.Initial is not null && random.NextDouble() < 0.7)
            {
                _withInitial.Add(person.Id);
            }

            // now and then a document names someone only by title and surname ("Sen. Redfern")
            if (!Headline && random.NextDouble() < 0.04)
            {
                _titleOnly.Add(person.Id);
            }
        }

        if (Headline)
        {
            text.AppendSpan(person.Surname, person.Id, SpanForm.Surname);
        }
        else if (_titleOnly.Contains(person.Id))
        {
            text.Append(ShortTitle(person) + " ");
            text.AppendSpan(person.Surname, person.Id, SpanForm.TitleSurname);
        }
        else if (!_introduced.Contains(person.Id))
        {
            var title = FirstTitle(person);
            text.Append(title.Length > 0 ? title + " " : "");
            text.AppendSpan(person.FullName(_withInitial.Contains(person.Id)), person.Id, SpanForm.FullName);
        }
        else
        {
            var title = person.Honorific != Honorific.None && (_courtesyTitles || random.NextDouble() < 0.5) ? ShortTitle(person)
                : _courtesyTitles ? ShortTitle(person) : "";
            text.Append(title.Length > 0 ? title + " " : "");
            text.AppendSpan(person.Surname, person.Id, SpanForm.Surname);
        }
    }

    private void Organisation(TrueOrganisation org, bool possessive)
    {
        if (Headline)
        {
            var form = org.Acronym is not null ? SpanForm.Acronym : org.ShortName is not null ? SpanForm.ShortName : SpanForm.FullName;
            text.AppendSpan(org.Acronym ?? org.ShortName ?? org.FullName, org.Id, form);
            return;
        }

        if (!_introduced.Contains(org.Id))
        {
            text.Append(org.TakesArticle ? "the " : "");
            var name = org.LegalSuffix is not null && _legalSuffixes ? $"{org.FullName} {org.LegalSuffix}" : org.FullName;
            text.AppendSpan(name, org.Id, SpanForm.FullName);
            if (!possessive && org.Acronym is not null && random.NextDouble() < 0.75)
            {
                text.Append(" (");
                text.AppendSpan(org.Acronym, org.Id, SpanForm.Acronym);
                text.Append(")");
                _acronymPrinted.Add(org.Id);
            }

            _lastNamed[org.Type] = org.Id;
            return;
        }

        // "the company": usually the last one named, sometimes the article's subject although another was named since
        var last = _lastNamed.GetValueOrDefault(org.Type, -1) == org.Id;
        var vague = last ? 0.3 : Focus == org.Id ? 0.15 : 0.0;
        if (random.NextDouble() < vague)
        {
            text.Append("the ");
            text.AppendSpan(org.VagueNouns[random.Next(org.VagueNouns.Length)], org.Id, SpanForm.Vague);
            return;
        }

        if (_acronymPrinted.Contains(org.Id) && random.NextDouble() < 0.6)
        {
            text.Append(org.TakesArticle ? "the " : "");
            text.AppendSpan(org.Acronym!, org.Id, SpanForm.Acronym);
        }
        else if (org.ShortName is not null && random.NextDouble() < 0.45)
        {
            text.AppendSpan(org.ShortName, org.Id, SpanForm.ShortName);
        }
        else
        {
            text.Append(org.TakesArticle ? "the " : "");
            text.AppendSpan(org.FullName, org.Id, SpanForm.FullName);
        }

        _lastNamed[org.Type] = org.Id;
    }

    private void Contract(TrueContract contract)
    {
        if (Headline)
        {
            text.AppendSpan($"{contract.Amount} {contract.PurposeNoun} contract", contract.Id, SpanForm.Phrase);
            return;
        }

        if (_introduced.Contains(contract.Id))
        {
            text.Append("the ");
            var noun = random.Next(3) switch { 0 => "contract", 1 => "deal", _ => $"{contract.Amount} contract" };
            text.AppendSpan(noun, contract.Id, SpanForm.Phrase);
            return;
        }

        // "an $800 million contract", "an $11 billion contract": the article follows the spoken number
        var an = contract.Amount.StartsWith("$8", StringComparison.Ordinal) || contract.Amount.StartsWith("$11", StringComparison.Ordinal)
            || contract.Amount.StartsWith("$18", StringComparison.Ordinal);
        var phrase = random.Next(3) switch
        {
            0 => $"{contract.Amount} contract",
            1 => $"{contract.Amount} {contract.PurposeNoun} contract",
            _ => $"contract worth {contract.Amount}",
        };
        text.Append(phrase.StartsWith('$') && an ? "an " : "a ");
        text.AppendSpan(phrase, contract.Id, SpanForm.Phrase);
    }

    private void Investigation(TrueInvestigation investigation)
    {
        if (_introduced.Contains(investigation.Id))
        {
            text.Append("the ");
            string[] nouns = [investigation.Noun, investigation.Noun, "investigation", "inquiry", "probe"];
            text.AppendSpan(nouns[random.Next(nouns.Length)], investigation.Id, SpanForm.Phrase);
            return;
        }

        text.Append(investigation.Noun[0] is 'a' or 'i' ? "an " : "a ");
        text.AppendSpan(investigation.Noun, investigation.Id, SpanForm.Phrase);
    }

    private string FirstTitle(TruePerson person)
    {
        var spelled = random.NextDouble() < 0.3;
        return person.Honorific switch
        {
            Honorific.Sen => spelled ? "Senator" : "Sen.",
            Honorific.Rep => spelled ? "Representative" : "Rep.",
            Honorific.Gen => spelled ? "General" : "Gen.",
            Honorific.Adm => spelled ? "Admiral" : "Adm.",
            Honorific.None => "",
            _ => ShortTitle(person),
        };
    }

    private static string ShortTitle(TruePerson person) => person.Honorific switch
    {
        Honorific.Dr => "Dr.",
        Honorific.Gen => "Gen.",
        Honorific.Adm => "Adm.",
        Honorific.Sen => "Sen.",
        Honorific.Rep => "Rep.",
        Honorific.Councillor => "Councillor",
        Honorific.Judge => "Judge",
        _ => person.Female ? "Ms." : "Mr.",
    };
}
