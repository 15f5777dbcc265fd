using RelationGraph.Core.Model;

namespace RelationGraph.Bench.PathQuality;

internal enum TrueKind
{
    Person,
    Organisation,
    Contract,
    Investigation,
}

internal enum OrgType
{
    Company,
    Agency,
    Office,
    Committee,
}

internal enum NameStyle
{
    Western,
    Particle,
    Diacritic,
    FamilyFirst,
    OrgLike,
}

internal enum Honorific
{
    None,
    Dr,
    Gen,
    Adm,
    Sen,
    Rep,
    Councillor,
    Judge,
}

/// <summary>One real-world thing of the generated world; <see cref="Id"/> is its index in <see cref="World.Entities"/>.</summary>
internal abstract class TrueEntity(int id, TrueKind kind)
{
    public int Id { get; } = id;

    public TrueKind Kind { get; } = kind;

    /// <summary>The canonical name truth.json and the report use.</summary>
    public abstract string Name { get; }
}

internal sealed class TruePerson(int id) : TrueEntity(id, TrueKind.Person)
{
    public required string Given { get; init; }

    /// <summary>The family name as printed mid-sentence: "de Groot", "al-Rashid", "Park".</summary>
    public required string Surname { get; init; }

    /// <summary>A middle initial with its full stop ("R."), or null.</summary>
    public string? Initial { get; init; }

    public NameStyle Style { get; init; }

    public bool Female { get; init; }

    public Honorific Honorific { get; set; }

    /// <summary>Writes bylines; has no facts and is never asked about in pairs.</summary>
    public bool Reporter { get; init; }

    public override string Name => FullName(withInitial: true);

    public string FullName(bool withInitial) => Style == NameStyle.FamilyFirst
        ? $"{Surname} {Given}"
        : withInitial && Initial is not null ? $"{Given} {Initial} {Surname}" : $"{Given} {Surname}";
}

internal sealed class TrueOrganisation(int id) : TrueEntity(id, TrueKind.Organisation)
{
    public required string FullName { get; init; }

    public required OrgType Type { get; init; }

    /// <summary>Printed with "the": "the Federal Procurement Office".</summary>
    public bool TakesArticle { get; init; }

    public string? Acronym { get; init; }

    /// <summary>What later mentions may shorten the name to: "Corvane" for "Corvane Logistics".</summary>
    public string? ShortName { get; init; }

    /// <summary>"Inc.", "Ltd.": printed after the name in some documents.</summary>
    public string? LegalSuffix { get; init; }

    /// <summary>Nouns a vague reference uses: "company", "firm"; "agency"; "committee", "panel".</summary>
    public required string[] VagueNouns { get; init; }

    /// <summary>The title members of a legislative committee carry (Sen., Rep., Councillor).</summary>
    public Honorific MemberTitle { get; init; }

    public override string Name => FullName;
}

internal sealed class TrueContract(int id, string name) : TrueEntity(id, TrueKind.Contract)
{
    public required int Awarder { get; init; }

    public required int[] Parties { get; init; }

    /// <summary>"$3.4 billion".</summary>
    public required string Amount { get; init; }

    /// <summary>"fuel", "patrol boat": what a headline or a phrase calls the contract.</summary>
    public required string PurposeNoun { get; init; }

    /// <summary>"supply jet fuel to its bases".</summary>
    public required string PurposeVerb { get; init; }

    public required int Year { get; init; }

    public override string Name => name;
}

internal sealed class TrueInvestigation(int id, string name) : TrueEntity(id, TrueKind.Investigation)
{
    public required int Investigator { get; init; }

    public required int[] Subjects { get; init; }

    /// <summary>"investigation", "inquiry", "probe", "audit", "review".</summary>
    public required string Noun { get; init; }

    /// <summary>"billing practices", "expense claims".</summary>
    public required string Topic { get; init; }

    public required int Year { get; init; }

    public override string Name => name;
}

/// <summary>A job title and how it is printed: "the chief financial officer of X", "a spokeswoman for X".</summary>
/// <param name="Title">"chief financial officer".</param>
/// <param name="Unique">One holder: printed with "the" and without an article after "as".</param>
/// <param name="Preposition">"of", "at", "for", "on".</param>
internal sealed record Role(string Title, bool Unique, string Preposition)
{
    public string Article => Unique ? "the" : Title[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";

    /// <summary>"the chief financial officer of", "a spokeswoman for".</summary>
    public string WithArticle => $"{Article} {Title} {Preposition}";

    /// <summary>After "as": "as chief financial officer", "as a spokeswoman".</summary>
    public string AfterAs => Unique ? Title : $"{Article} {Title}";
}

/// <summary>A true fact of the world; <see cref="Role"/> is set for employment, leadership and membership.</summary>
internal sealed record TrueFact(int Index, RelationType Type, int Subject, int Object, Role? Role = null, bool Former = false);
