namespace RelationGraph.Bench.PathQuality;

/// <summary>Job titles by kind of organisation.</summary>
internal static class Roles
{
    public static readonly Role[] CompanyHeads =
    [
        new("chief executive", true, "of"), new("president", true, "of"), new("managing director", true, "of"), new("founder and chief executive", true, "of"),
    ];

    public static readonly Role[] CompanyChairs = [new("chairman", true, "of"), new("executive chairman", true, "of")];

    public static readonly Role[] CompanyStaff =
    [
        new("chief financial officer", true, "of"), new("general counsel", true, "at"), new("chief operating officer", true, "of"),
        new("vice president for government contracts", true, "at"), new("spokesman", false, "for"), new("senior engineer", false, "at"),
        new("head of procurement", true, "at"), new("project manager", false, "at"), new("sales director", true, "at"),
    ];

    public static readonly Role[] Independents =
    [
        new("lobbyist", false, "for"), new("consultant", false, "at"), new("senior adviser", false, "at"), new("partner", false, "at"), new("investment manager", false, "at"),
    ];

    public static readonly Role[] CommitteeChairs = [new("chairman", true, "of"), new("chair", true, "of")];

    public static readonly Role[] CommitteeMembers = [new("member", false, "of")];

    public static readonly Role BoardMember = new("board member", false, "at");

    public static Role[] Heads(TrueOrganisation body) => body.FullName switch
    {
        var n when n.Contains("Command", StringComparison.Ordinal) => [new("commander", true, "of")],
        var n when n.Contains("Court", StringComparison.Ordinal) => [new("presiding judge", true, "of")],
        var n when n.Contains("Inspector General", StringComparison.Ordinal) => [new("inspector general", true, "at")],
        var n when n.Contains("Prosecut", StringComparison.Ordinal) => [new("chief prosecutor", true, "at")],
        var n when n.Contains("Ministry", StringComparison.Ordinal) => [new("permanent secretary", true, "at")],
        var n when n.Contains("Auditor General", StringComparison.Ordinal) => [new("auditor general", true, "at")],
        _ => [new("director", true, "of"), new("administrator", true, "of"), new("head", true, "of")],
    };

    public static Role[] Staff(TrueOrganisation body) => body.FullName switch
    {
        var n when n.Contains("Court", StringComparison.Ordinal) => [new("judge", false, "at")],
        var n when n.Contains("Prosecut", StringComparison.Ordinal) => [new("senior prosecutor", false, "at"), new("spokesman", false, "for")],
        var n when n.Contains("Health", StringComparison.Ordinal) => [new("chief medical officer", true, "at"), new("deputy director", true, "of")],
        _ when body.Type == OrgType.Office => [new("investigator", false, "at"), new("auditor", false, "at"), new("spokesman", false, "for")],
        _ => [new("deputy director", true, "of"), new("procurement chief", true, "at"), new("spokesman", false, "for"), new("senior official", false, "at"),
              new("contracting officer", false, "at"), new("chief scientist", true, "at")],
    };
}

/// <summary>Words and clauses the articles are written with; none names an entity.</summary>
internal static class Vocabulary
{
    public static readonly (string Noun, string Verb)[] ContractPurposes =
    [
        ("fuel", "supply jet fuel to its bases"), ("patrol boat", "build eight patrol boats"), ("software", "replace its case-management software"),
        ("bridge", "rebuild the river crossing at Varn"), ("ambulance", "supply 120 ambulances"), ("radar", "upgrade coastal radar stations"),
        ("cleaning", "clean its regional offices"), ("consulting", "advise on the reorganisation"), ("vaccine", "supply seasonal flu vaccines"),
        ("rail maintenance", "maintain 400 kilometres of track"), ("satellite", "launch two weather satellites"), ("body armour", "supply body armour"),
        ("dredging", "dredge the main harbour channel"), ("catering", "run canteens at its training sites"), ("cybersecurity", "monitor its networks"),
        ("road", "resurface the coastal highway"), ("housing", "build 900 social homes"), ("water treatment", "upgrade two treatment plants"),
        ("drone", "supply surveillance drones"), ("translation", "provide interpreters and translators"),
    ];

    public static readonly string[] InvestigationNouns = ["investigation", "inquiry", "probe", "audit", "review"];

    public static readonly string[] CompanyTopics =
    [
        "billing practices", "payments to consultants", "safety records", "emissions reports", "bid documents", "overtime claims",
        "export licences", "subcontracting arrangements", "accounting", "pricing on public contracts",
    ];

    public static readonly string[] PersonTopics =
    [
        "expense claims", "undeclared consulting income", "lobbying contacts", "conflict-of-interest disclosures", "stock trades", "travel claims",
        "gifts from contractors",
    ];

    public static readonly string[] SaidClauses =
    [
        "the process had been fair", "the figures were accurate", "talks were continuing", "the review would take several months",
        "no rules had been broken", "the agreement would create hundreds of jobs", "it was too early to draw conclusions",
        "the decision would be appealed", "the schedule had slipped by about a year", "costs had risen because of inflation",
        "all the paperwork had been filed on time", "the timing was a coincidence",
    ];

    public static readonly string[] Quotes =
    [
        "We followed every rule in the book", "This is a good day for taxpayers", "We have nothing to hide", "The numbers speak for themselves",
        "We will cooperate fully", "I have always acted in good faith", "Nobody asked us before the decision was made",
        "We expect the work to start next spring", "These allegations are without merit", "We are reviewing the findings carefully",
    ];

    public static readonly string[] Goods =
    [
        "spare parts", "office software", "security services", "fuel", "medical supplies", "engineering services", "uniforms",
        "data analysis", "training", "vehicles",
    ];

    public static readonly string[] Achievements =
    [
        "doubled its revenue", "cut its workforce by a fifth", "expanded into three new markets", "won a string of public tenders",
        "faced repeated cost overruns", "moved its headquarters to Carrow",
    ];

    public static readonly string[] Requests = ["documents about the tender", "a meeting", "an explanation of the delays", "a copy of the audit", "information about the bids"];

    public static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static readonly string[] Filler =
    [
        "Analysts said the market reaction was muted, with shares trading in a narrow range through the afternoon.",
        "The announcement came after months of negotiations that insiders described as difficult but constructive.",
        "Local officials declined to comment on the timeline, citing ongoing consultations.",
        "Critics argued that the process lacked transparency and called for a public hearing before the end of the year.",
        "The figures were published in a regulatory filing late on Tuesday and confirmed by two people familiar with the matter.",
        "Supporters of the plan pointed to rising demand across the region and a shortage of qualified suppliers.",
        "Industry groups welcomed the decision but warned that costs could rise if delays continue into next spring.",
        "Budget documents show spending on outside contractors has risen for five consecutive years.",
        "Opposition lawmakers said they would raise the matter at the next budget hearing.",
        "Procurement experts said awards of this size usually draw legal challenges from losing bidders.",
        "The tender attracted seven bids, according to a summary posted online.",
        "Unions representing the workers said they had not been consulted.",
        "Records obtained under freedom-of-information rules show the draft terms were changed twice.",
        "Neither side disclosed the financial terms beyond the headline figure.",
        "The dispute has been closely watched by smaller suppliers, who say they are shut out of large tenders.",
        "A final decision is expected before the end of the fiscal year.",
        "The original timetable called for work to begin last autumn, but the start was pushed back twice.",
        "Several bidders complained privately that the requirements seemed written with one supplier in mind.",
        "Auditors have flagged similar arrangements in past reports, though none led to formal sanctions.",
        "The value of the work has roughly tripled since the first estimates were published.",
        "Lawyers for the parties did not return calls seeking comment on Friday.",
        "The matter is expected to come up again when the spending plans are debated next month.",
        "Transparency campaigners have long argued that the rules on disclosure are too loose.",
        "Documents seen by reporters show the terms were revised after the bidding closed.",
        "Former officials said the size of the award was unusual for a project of this kind.",
        "Shares of listed suppliers rose slightly after the news, then gave up their gains.",
        "The rules require any payment above a set threshold to be published within thirty days.",
        "People familiar with the talks said the final price was lower than first proposed.",
        "It is not the first time the procurement process has drawn scrutiny.",
        "An internal memo described the schedule as ambitious but achievable.",
        "Residents near the affected sites have raised concerns about noise and traffic.",
        "The programme has been running behind schedule since its launch.",
        "A hearing on the matter has been scheduled for early next year.",
        "Officials stressed that no decision had been taken on further extensions.",
        "Economists said the spending would have only a modest effect on regional employment.",
        "The contract terms include penalties for late delivery, according to a summary of the agreement.",
    ];

    public static readonly string[] Outlets = ["Relay News", "Harbour Wire", "Civic Ledger", "The Northmarch Courier"];
}
