using System.Globalization;
using RelationGraph.Core.Model;

namespace RelationGraph.Bench.PathQuality;

/// <summary>
/// The generated world: about 800 people, 250 organisations, contracts and investigations, and the true facts
/// between them. Deterministic for a seed.
/// </summary>
internal sealed class World
{
    private static readonly string[] SurnameHeads = ["Ash", "Brad", "Crom", "Dal", "Fair", "Gold", "Hart", "Kings", "Lang", "Marsh", "New", "Pem", "Rad", "Stan", "Thorn", "Wake", "Whit", "Wood", "Black", "Brook"];
    private static readonly string[] SurnameTails = ["combe", "shaw", "well", "ton", "ley", "field", "worth", "wood", "ford", "by", "more", "ridge", "den", "ham", "hurst"];

    private readonly Random _random;
    private readonly HashSet<string> _personKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _orgNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _acronyms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stems = new(StringComparer.Ordinal);
    private readonly HashSet<(RelationType, int, int)> _factKeys = [];

    private World(int seed) => _random = new Random(seed);

    public List<TrueEntity> Entities { get; } = [];

    public List<TrueFact> Facts { get; } = [];

    public List<int>[] FactsByEntity { get; private set; } = [];

    public IEnumerable<TruePerson> People => Entities.OfType<TruePerson>();

    public IEnumerable<TrueOrganisation> Organisations => Entities.OfType<TrueOrganisation>();

    public TrueEntity this[int id] => Entities[id];

    public static World Generate(int seed)
    {
        var world = new World(seed);
        world.Build();
        return world;
    }

    private void Build()
    {
        var companies = Enumerable.Range(0, 150).Select(_ => NewCompany()).ToList();
        var agencies = Enumerable.Range(0, 40).Select(_ => NewGovernmentBody(OrgType.Agency, NameLists.AgencyPatterns)).ToList();
        agencies.AddRange(Enumerable.Range(0, 5).Select(_ => NewGovernmentBody(OrgType.Agency, NameLists.CommandPatterns)));
        var offices = Enumerable.Range(0, 30).Select(_ => NewGovernmentBody(OrgType.Office, NameLists.OfficePatterns)).ToList();
        var committees = Enumerable.Range(0, 25).Select(_ => NewGovernmentBody(OrgType.Committee, NameLists.CommitteePatterns)).ToList();

        var executives = new List<TruePerson>();
        var officials = new List<TruePerson>();
        var legislators = new List<TruePerson>();
        foreach (var company in companies)
        {
            executives.Add(Staff(company, Roles.CompanyHeads, RelationType.Leads));
            if (Chance(0.4))
            {
                executives.Add(Staff(company, Roles.CompanyChairs, RelationType.Leads));
            }

            for (var i = Between(1, 2); i > 0; i--)
            {
                executives.Add(Staff(company, Roles.CompanyStaff, RelationType.EmployedBy));
            }
        }

        foreach (var body in agencies.Concat(offices))
        {
            officials.Add(Staff(body, Roles.Heads(body), RelationType.Leads));
            for (var i = body.Type == OrgType.Office ? 1 : Between(1, 2); i > 0; i--)
            {
                officials.Add(Staff(body, Roles.Staff(body), RelationType.EmployedBy));
            }
        }

        foreach (var committee in committees)
        {
            legislators.Add(Staff(committee, Roles.CommitteeChairs, RelationType.Leads));
            for (var i = Between(2, 4); i > 0; i--)
            {
                // a fifth of the seats go to legislators who already sit on another committee
                var member = legislators.Count > 10 && Chance(0.2) ? Pick(legislators) : null;
                if (member is null || member.Honorific != committee.MemberTitle || HasFact(member.Id, committee.Id))
                {
                    legislators.Add(Staff(committee, Roles.CommitteeMembers, RelationType.MemberOf));
                }
                else
                {
                    AddFact(RelationType.MemberOf, member.Id, committee.Id, Roles.CommitteeMembers[0]);
                }
            }
        }

        // consultants, lobbyists and investors: employed by consultancies and funds, tied to the others by money and contacts
        var independents = Enumerable.Range(0, 100).Select(_ => Staff(Pick(companies), Roles.Independents, RelationType.EmployedBy)).ToList();
        executives.AddRange(independents);
        var people = People.Where(p => !p.Reporter).ToList();

        foreach (var person in people.Where(_ => Chance(0.25)))
        {
            var former = Chance(0.6) ? (TrueOrganisation)Pick(companies) : Pick(agencies);
            var roles = former.Type == OrgType.Company ? Roles.CompanyStaff : Roles.Staff(former);
            AddFact(RelationType.EmployedBy, person.Id, former.Id, Gendered(Pick(roles), person), former: true);
        }

        foreach (var person in executives.Concat(officials).Where(_ => Chance(0.12)))
        {
            AddFact(RelationType.MemberOf, person.Id, Pick(companies).Id, Roles.BoardMember);
        }

        Repeat(50, () => AddFact(RelationType.Owns, Pick(executives).Id, Pick(companies).Id));
        Repeat(40, () => AddFact(RelationType.Owns, Pick(companies).Id, Pick(companies).Id));
        Repeat(40, () => AddFact(RelationType.Funds, Pick(executives).Id, Pick(legislators).Id));
        Repeat(30, () => AddFact(RelationType.Funds, Pick(executives).Id, Pick(companies).Id));
        Repeat(40, () => AddFact(RelationType.Funds, Chance(0.5) ? Pick(companies).Id : Pick(agencies).Id, Pick(companies).Id));
        Repeat(120, () => AddFact(RelationType.ContractsWith, Pick(companies).Id, Pick(agencies).Id));
        Repeat(90, () => AddFact(RelationType.CommunicatesWith, Pick(executives).Id, Pick(officials).Id));
        Repeat(70, () => AddFact(RelationType.CommunicatesWith, Pick(executives).Id, Pick(legislators).Id));
        Repeat(60, () => AddFact(RelationType.CommunicatesWith, Pick(people).Id, Pick(people).Id));
        Repeat(60, () => AddFact(RelationType.AssociatedWith, Pick(independents).Id, Pick(legislators).Id));
        Repeat(60, () => AddFact(RelationType.AssociatedWith, Pick(executives).Id, Pick(executives).Id));

        AddContracts(agencies, companies);
        AddInvestigations(offices, committees, companies, people);
        Repeat(25, () => NewPerson(reporter: true));

        FactsByEntity = Enumerable.Range(0, Entities.Count).Select(_ => new List<int>()).ToArray();
        foreach (var fact in Facts)
        {
            FactsByEntity[fact.Subject].Add(fact.Index);
            FactsByEntity[fact.Object].Add(fact.Index);
        }
    }

    private void AddContracts(List<TrueOrganisation> agencies, List<TrueOrganisation> companies)
    {
        var contracts = new List<TrueContract>();
        for (var i = 0; i < 220; i++)
        {
            var amount = Chance(0.3)
                ? string.Create(CultureInfo.InvariantCulture, $"${Between(11, 99) / 10.0:0.0} billion")
                : string.Create(CultureInfo.InvariantCulture, $"${Between(12, 950)} million");
            contracts.Add(NewContract(Pick(agencies), amount, [], companies));
        }

        // one agency, one value, different parties and purposes: "two $3.4 billion contracts"
        foreach (var original in contracts.Take(18).ToList())
        {
            NewContract((TrueOrganisation)Entities[original.Awarder], original.Amount, original.Parties, companies);
        }
    }

    private TrueContract NewContract(TrueOrganisation awarder, string amount, int[] avoid, List<TrueOrganisation> companies)
    {
        var (noun, verb) = Pick(Vocabulary.ContractPurposes);
        var partyCount = Chance(0.7) ? 1 : Chance(0.8) ? 2 : 3;
        var parties = new List<int>();
        while (parties.Count < partyCount)
        {
            var company = Pick(companies).Id;
            if (!parties.Contains(company) && !avoid.Contains(company))
            {
                parties.Add(company);
            }
        }

        var year = Between(2016, 2025);
        var contract = new TrueContract(Entities.Count, $"{awarder.FullName} {noun} contract ({amount}, {year})")
        {
            Awarder = awarder.Id, Parties = [.. parties], Amount = amount, PurposeNoun = noun, PurposeVerb = verb, Year = year,
        };
        Entities.Add(contract);
        AddFact(RelationType.AwardedBy, contract.Id, awarder.Id);
        foreach (var party in parties)
        {
            AddFact(RelationType.PartyTo, party, contract.Id);
        }

        return contract;
    }

    private void AddInvestigations(List<TrueOrganisation> offices, List<TrueOrganisation> committees, List<TrueOrganisation> companies, List<TruePerson> people)
    {
        for (var i = 0; i < 110; i++)
        {
            // courts try cases; they do not open investigations
            var investigator = Chance(0.85) ? Pick(offices.Where(o => !o.FullName.Contains("Court", StringComparison.Ordinal)).ToList()) : Pick(committees);
            var personSubject = Chance(0.45);
            var subjects = new List<int> { personSubject ? Pick(people).Id : Pick(companies).Id };
            if (Chance(0.15))
            {
                var second = Pick(companies).Id;
                if (!subjects.Contains(second))
                {
                    subjects.Add(second);
                }
            }

            var noun = Pick(Vocabulary.InvestigationNouns);
            var topic = Pick(personSubject ? Vocabulary.PersonTopics : Vocabulary.CompanyTopics);
            var year = Between(2017, 2025);
            var investigation = new TrueInvestigation(Entities.Count, $"{investigator.FullName} {noun} of {Entities[subjects[0]].Name} ({topic}, {year})")
            {
                Investigator = investigator.Id, Subjects = [.. subjects], Noun = noun, Topic = topic, Year = year,
            };
            Entities.Add(investigation);
            AddFact(RelationType.Investigates, investigator.Id, investigation.Id);
            foreach (var subject in subjects)
            {
                AddFact(RelationType.SubjectOf, subject, investigation.Id);
            }

            // now and then a named investigator leads it
            var staff = FactsOf(investigator.Id).Where(f => f.Type == RelationType.EmployedBy && f.Object == investigator.Id && !f.Former).ToList();
            if (staff.Count > 0 && Chance(0.15))
            {
                AddFact(RelationType.Investigates, Pick(staff).Subject, investigation.Id);
            }
        }
    }

    private IEnumerable<TrueFact> FactsOf(int entity) => Facts.Where(f => f.Subject == entity || f.Object == entity);

    private bool HasFact(int a, int b) => Facts.Any(f => (f.Subject == a && f.Object == b) || (f.Subject == b && f.Object == a));

    private TruePerson Staff(TrueOrganisation org, Role[] roles, RelationType type)
    {
        var person = NewPerson(reporter: false);
        var role = Gendered(Pick(roles), person);
        person.Honorific = type == RelationType.MemberOf || org.Type == OrgType.Committee ? org.MemberTitle : TitleFor(org, role);
        AddFact(type, person.Id, org.Id, role);
        return person;
    }

    private Honorific TitleFor(TrueOrganisation org, Role role)
    {
        if (role.Title.Contains("judge", StringComparison.Ordinal))
        {
            return Honorific.Judge;
        }

        if (role.Title == "commander")
        {
            return org.FullName.Contains("Naval", StringComparison.Ordinal) ? Honorific.Adm : Honorific.Gen;
        }

        var scientific = role.Title.Contains("scientist", StringComparison.Ordinal) || role.Title.Contains("medical", StringComparison.Ordinal);
        return scientific || Chance(org.FullName.Contains("Health", StringComparison.Ordinal) ? 0.4 : 0.04) ? Honorific.Dr : Honorific.None;
    }

    private static Role Gendered(Role role, TruePerson person) => person.Female
        ? role with { Title = role.Title.Replace("spokesman", "spokeswoman", StringComparison.Ordinal).Replace("chairman", "chairwoman", StringComparison.Ordinal) }
        : role;

    private TruePerson NewPerson(bool reporter)
    {
        while (true)
        {
            var female = Chance(0.5);
            var roll = _random.NextDouble();
            var style = roll < 0.70 ? NameStyle.Western : roll < 0.80 ? NameStyle.Particle : roll < 0.90 ? NameStyle.Diacritic : roll < 0.985 ? NameStyle.FamilyFirst : NameStyle.OrgLike;
            string given, surname;
            switch (style)
            {
                case NameStyle.Particle or NameStyle.Diacritic:
                    var group = Pick(style == NameStyle.Particle ? NameLists.ParticleGroups : NameLists.DiacriticGroups);
                    (given, surname) = (Pick(female ? group.Female : group.Male), Pick(group.Surnames));
                    break;
                case NameStyle.FamilyFirst:
                    var asian = Pick(NameLists.FamilyFirstGroups);
                    (given, surname) = (Pick(female ? asian.Female : asian.Male), Pick(asian.Family));
                    break;
                case NameStyle.OrgLike:
                    (given, surname) = (Pick(NameLists.OrgLikeGiven), Pick(NameLists.OrgLikeSurnames));
                    break;
                default:
                    given = Pick(female ? NameLists.FemaleGiven : NameLists.MaleGiven);
                    surname = Chance(0.5) ? Pick(NameLists.Surnames) : Pick(SurnameHeads) + Pick(SurnameTails);
                    break;
            }

            if (!_personKeys.Add(given + " " + surname))
            {
                continue;
            }

            var initialChance = style switch { NameStyle.Western => 0.35, NameStyle.Particle or NameStyle.Diacritic => 0.12, _ => 0.0 };
            var initial = Chance(initialChance) ? (char)('A' + _random.Next(26)) + "." : null;
            var person = new TruePerson(Entities.Count) { Given = given, Surname = surname, Initial = initial, Style = style, Female = female, Reporter = reporter };
            Entities.Add(person);
            return person;
        }
    }

    private TrueOrganisation NewCompany()
    {
        while (true)
        {
            var stem = Pick(NameLists.CompanyPrefixes) + Pick(NameLists.CompanySuffixes);
            var founderNamed = Chance(0.08);
            if (founderNamed)
            {
                stem = Pick(NameLists.Surnames);
            }

            // one company per stem: a paper shortens "Corvane Logistics" to "Corvane" only when no other Corvane exists
            if (!_stems.Add(stem))
            {
                continue;
            }

            var industry = Pick(NameLists.Industries);
            var threeWords = Chance(0.15) && !industry.Contains(' ', StringComparison.Ordinal);
            var name = threeWords ? $"{stem} {industry} {Pick(["Systems", "Group", "Services", "Solutions"])}" : $"{stem} {industry}";
            if (!_orgNames.Add(name))
            {
                continue;
            }

            var acronym = threeWords ? Acronym(name) : null;
            string[] nouns = industry is "Group" or "Holdings" ? ["company", "group"] : industry == "Shipbuilding" ? ["company", "shipbuilder"] : ["company", "firm"];
            return Add(new TrueOrganisation(Entities.Count)
            {
                FullName = name, Type = OrgType.Company, Acronym = acronym, ShortName = founderNamed ? null : stem,
                LegalSuffix = Chance(0.15) ? Pick(NameLists.LegalSuffixes) : null, VagueNouns = nouns,
            });
        }
    }

    private TrueOrganisation NewGovernmentBody(OrgType type, string[] patterns)
    {
        while (true)
        {
            var name = Pick(patterns).Replace("{d}", Pick(NameLists.Domains), StringComparison.Ordinal).Replace("{r}", Pick(NameLists.Regions), StringComparison.Ordinal);
            if (!_orgNames.Add(name))
            {
                continue;
            }

            var words = name.Split(' ');
            var head = words.LastOrDefault(w => w is "Office" or "Agency" or "Authority" or "Directorate" or "Administration" or "Commission" or "Command" or "Court" or "Bureau" or "Unit")
                ?? words[0] switch { "Department" => "Department", "Ministry" => "Ministry", _ => type == OrgType.Office ? "Office" : "Agency" };
            string[] nouns = type switch
            {
                OrgType.Committee => ["committee", "panel"],
                OrgType.Office when name.Contains("Audit", StringComparison.Ordinal) || name.Contains("Integrity", StringComparison.Ordinal) || name.Contains("Inspector", StringComparison.Ordinal) => [head.ToLowerInvariant(), "watchdog"],
                OrgType.Agency when head != "Command" => [head.ToLowerInvariant(), "agency"],
                _ => [head.ToLowerInvariant()],
            };
            var title = type != OrgType.Committee ? Honorific.None
                : name.StartsWith("Senate", StringComparison.Ordinal) ? Honorific.Sen
                : name.StartsWith("House", StringComparison.Ordinal) ? Honorific.Rep
                : name.StartsWith("Joint", StringComparison.Ordinal) ? (Chance(0.5) ? Honorific.Sen : Honorific.Rep) : Honorific.Councillor;
            var acronymChance = type switch { OrgType.Agency => 0.7, OrgType.Office => 0.5, _ => 0.1 };
            var acronym = Chance(acronymChance) && !name.Contains('\'', StringComparison.Ordinal) ? Acronym(name) : null;
            return Add(new TrueOrganisation(Entities.Count)
            {
                FullName = name, Type = type, TakesArticle = true, Acronym = acronym, VagueNouns = nouns, MemberTitle = title,
            });
        }
    }

    // "Federal Procurement Office" → "FPO", unless another organisation already has it.
    private string? Acronym(string name)
    {
        var letters = string.Concat(name.Split(' ', '-').Where(w => w.Length > 0 && char.IsUpper(w[0])).Select(w => w[0]));
        return letters.Length >= 2 && _acronyms.Add(letters) ? letters : null;
    }

    private TrueOrganisation Add(TrueOrganisation org)
    {
        Entities.Add(org);
        return org;
    }

    private void AddFact(RelationType type, int subject, int obj, Role? role = null, bool former = false)
    {
        var key = type.IsSymmetric() && subject > obj ? (type, obj, subject) : (type, subject, obj);
        if (subject != obj && _factKeys.Add(key))
        {
            Facts.Add(new TrueFact(Facts.Count, type, subject, obj, role, former));
        }
    }

    private static void Repeat(int times, Action action)
    {
        for (var i = 0; i < times; i++)
        {
            action();
        }
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private int Between(int min, int max) => _random.Next(min, max + 1);

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];
}
