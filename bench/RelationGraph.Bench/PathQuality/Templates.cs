namespace RelationGraph.Bench.PathQuality;

/// <summary>
/// Sentences per fact type, the way newswire prints them: active and passive, appositions, possessives, quotes.
/// Slots: {A} subject, {B} object, {C} a contract or investigation, {D} a second party; {A's} is the possessive,
/// {A.who} "who" or "which", {A.pron} "he", "she" or "it", {C=word} prints a fixed word as a span of C. Text slots:
/// {role} {role-of} {as-role} {year} {month} {n} {pct} {money} {clause} {quote} {goods} {achievement} {request}
/// {topic} {purpose} {amount} {noun}.
/// </summary>
internal static class Templates
{
    public static readonly string[] Leads =
    [
        "{A}, {role-of} {B}, said {clause}.",
        "{B's} {role}, {A}, said {clause}.",
        "\"{quote},\" said {A}, {B's} {role}.",
        "{A}, who has led {B} since {year}, said {clause}.",
        "{A} took over as {role} of {B} in {year}.",
        "{B} named {A} as its {role} in {month} {year}.",
        "{A} was appointed {role} of {B} in {year}.",
        "{B}, led by {A} since {year}, declined to comment.",
        "{A}, who heads {B}, told reporters {clause}.",
        "As {role} of {B}, {A} has faced questions from lawmakers.",
        "{B} is run by {A}, its {role}.",
    ];

    public static readonly string[] EmployedBy =
    [
        "{A}, {role-of} {B}, said {clause}.",
        "{B's} {role}, {A}, said {clause}.",
        "\"{quote},\" said {A}, {role-of} {B}.",
        "According to {A}, {role-of} {B}, {clause}.",
        "{B} hired {A} as {as-role} in {year}.",
        "{A} joined {B} as {as-role} in {month} {year}.",
        "{A} has worked at {B} since {year}.",
        "{A} was hired by {B} in {year} and now serves as {as-role}.",
        "{A}, who works for {B}, declined to comment.",
        "In an interview, {A}, {role-of} {B}, said {clause}.",
    ];

    public static readonly string[] EmployedByFormer =
    [
        "{A}, a former {role} at {B}, said {clause}.",
        "{A} left {B} in {year}.",
        "{A} previously worked at {B}.",
        "{A} spent {n} years at {B} before leaving in {year}.",
        "{B's} former {role}, {A}, said {clause}.",
        "Before {year}, {A} worked as {as-role} at {B}.",
        "{A}, who once worked for {B}, said {clause}.",
        "{A} resigned from {B} in {year}.",
    ];

    public static readonly string[] BoardMember =
    [
        "{A}, who sits on the board of {B}, said {clause}.",
        "{A} joined the board of {B} in {year}.",
        "{B} appointed {A} to its board in {year}.",
        "{A}, a board member at {B}, said {clause}.",
        "{A} has been a director of {B} since {year}.",
        "{B's} board includes {A}.",
        "{A} was elected to the board of {B} in {year}.",
        "{A} also serves on the board of {B}.",
    ];

    public static readonly string[] CommitteeMember =
    [
        "{A}, a member of {B}, said {clause}.",
        "{A} serves on {B}.",
        "{A} has been a member of {B} since {year}.",
        "{B's} members include {A}.",
        "{A}, who sits on {B}, said {clause}.",
        "As a member of {B}, {A} questioned the award.",
        "{A} joined {B} in {year}.",
        "\"{quote},\" said {A}, who serves on {B}.",
    ];

    public static readonly string[] Owns =
    [
        "{A} owns {B}, according to company filings.",
        "{B} is owned by {A}.",
        "{A}, {A.who} owns {B}, said {clause}.",
        "{A} acquired {B} in {year}.",
        "{A} bought a controlling stake in {B} in {year}.",
        "{A} holds a {pct}% stake in {B}, according to filings.",
        "{B's} owner, {A}, declined to comment.",
        "{A} has owned {B} since {year}.",
        "{A} took control of {B} in {year}.",
    ];

    public static readonly string[] OwnsByCompany =
    [
        "{B}, a subsidiary of {A}, said {clause}.",
        "{B's} parent company, {A}, said {clause}.",
    ];

    public static readonly string[] Funds =
    [
        "{A} funds {B}, according to disclosures.",
        "{B} is funded by {A}.",
        "{A} has funded {B} since {year}.",
        "{A} gave {money} to {B} in {year}.",
        "{B} received {money} from {A}.",
        "{A}, one of {B's} biggest backers, said {clause}.",
        "{A} donated {money} to {B} last year.",
        "Much of {B's} money comes from {A}.",
    ];

    public static readonly string[] FundsPerson = ["{A} bankrolled {B's} campaign in {year}.", "{B's} campaign was funded largely by {A}."];

    public static readonly string[] FundsOrganisation = ["{B}, which is financed by {A}, declined to comment.", "{A} provides most of {B's} budget."];

    public static readonly string[] ContractsWith =
    [
        "{A} supplies {B} with {goods}.",
        "{A} has provided {goods} to {B} since {year}.",
        "{A}, a longtime contractor for {B}, said {clause}.",
        "{B} buys {goods} from {A}.",
        "{A} holds several contracts with {B}.",
        "{A} has done business with {B} for {n} years.",
        "{B} has relied on {A} for {goods} since {year}.",
        "{A's} customers include {B}.",
        "{A} is one of {B's} main suppliers.",
    ];

    public static readonly string[] CommunicatesWith =
    [
        "{A} exchanged emails with {B} in {year}.",
        "{A} spoke by phone with {B} several times in {month}.",
        "{A} wrote to {B} asking for {request}.",
        "Messages between {A} and {B} show the two discussed the tender.",
        "{A} met {B} in Carrow in {month} {year}.",
        "{B} received a letter from {A} in {month}.",
        "{A} and {B} corresponded regularly, according to records.",
        "{A} called {B} the day before the award, phone records show.",
        "{A} told {B} in an email that {clause}.",
    ];

    public static readonly string[] AssociatedWith =
    [
        "{A}, a longtime associate of {B}, said {clause}.",
        "{A} and {B} are business partners.",
        "{A} is a close associate of {B}.",
        "{A} has ties to {B}.",
        "{A} and {B} co-founded a consultancy in {year}.",
        "{A}, a friend of {B}, said {clause}.",
        "{A} has worked closely with {B} for years.",
        "{B's} associate {A} declined to comment.",
        "{A} is known to be close to {B}.",
    ];

    // {A} awarding agency, {B} company, {C} contract, {D} a second company.
    public static readonly string[] ContractAward =
    [
        "{A} awarded {C} to {B} to {purpose}.",
        "{B} won {C} from {A} to {purpose}.",
        "{B} was awarded {C} by {A} in {year}.",
        "{A} signed {C} with {B} to {purpose}.",
        "Under {C} signed with {A} in {year}, {B} will {purpose}.",
        "{A} picked {B} for {C} to {purpose}.",
        "{B} secured {C} from {A} in {month} {year}.",
        "{A} has awarded {B} {C} to {purpose}.",
        "{B} landed {C} from {A}, according to procurement records.",
    ];

    public static readonly string[] ContractAwardTwoParties =
    [
        "{B} and {D} will share {C} awarded by {A} in {year}.",
        "{A} awarded {C} to {B} and {D} to {purpose}.",
        "{A} chose {B} and {D} for {C} to {purpose}.",
    ];

    // {A} a further party of the contract {C} already printed.
    public static readonly string[] ContractParty =
    [
        "{A} is also a party to {C}.",
        "{A} will work on {C} as a partner.",
        "A share of {C} went to {A}.",
        "{A} will receive part of {C}.",
        "{A} is the other company named in {C}.",
        "{A} also signed {C}.",
        "Part of the work under {C} will go to {A}.",
        "{A} joined {C} as a junior partner.",
    ];

    // {A} investigating body, {B} subject, {C} investigation.
    public static readonly string[] InvestigationOpened =
    [
        "{A} opened {C} into {B} in {year}.",
        "{B} is the subject of {C} by {A}.",
        "{A} launched {C} into {B's} {topic}.",
        "{C} by {A} into {B} is continuing.",
        "{B} has been under {C=investigation} by {A} since {year}.",
        "{A} is {C=investigating} {B's} {topic}.",
        "Investigators at {A} are examining {B's} {topic} as part of {C}.",
        "{B} said {B.pron} was cooperating with {C} by {A}.",
        "{A} began {C} of {B} in {month} {year}.",
        "{A} has opened {C} into {topic} involving {B}.",
    ];

    // {B} a further subject of the investigation {C} already printed.
    public static readonly string[] InvestigationSubject =
    [
        "{C} also covers {B}.",
        "{B} is also named in {C}.",
        "{B} is among those under scrutiny in {C}.",
        "{C} has since widened to include {B}.",
        "Investigators have also asked {B} for documents as part of {C}.",
        "{B} confirmed that {B.pron} was also a subject of {C}.",
        "{B} has also been drawn into {C}.",
        "{C} is also examining {B's} {topic}.",
    ];

    // {A} a person leading the investigation {C} already printed.
    public static readonly string[] InvestigationLead =
    [
        "{A} is leading {C}.",
        "{C} is led by {A}.",
        "{A}, who is running {C}, said {clause}.",
        "{A} heads {C}.",
        "{C}, overseen by {A}, is expected to report next year.",
        "{A} will lead {C}.",
        "{A} was put in charge of {C} in {month}.",
        "Leading {C} is {A}.",
    ];

    // mention-only sentences about a person {A} or an organisation {B} already printed
    public static readonly string[] PersonRemark =
    [
        "\"{quote},\" {A} said.",
        "\"{quote},\" said {A}.",
        "{A} said {clause}.",
        "{A} declined to comment.",
        "{A} did not respond to requests for comment.",
        "In a statement, {A} said {clause}.",
        "\"{quote},\" {A} told reporters.",
        "{A} said in an interview that {clause}.",
    ];

    public static readonly string[] OrganisationRemark =
    [
        "{B} said in a statement that {clause}.",
        "{B} declined to comment.",
        "A spokesperson for {B} said {clause}.",
        "{B} did not respond to a request for comment.",
    ];

    public static readonly string[] HeadlineContract = ["{B} wins {C} from {A}", "{A} awards {C} to {B}", "{B} lands {C}"];

    public static readonly string[] HeadlineInvestigation = ["{A} opens {C=inquiry} into {B}", "{B} faces {C=probe} over {topic}", "{A} widens {C=investigation} of {B}"];

    public static readonly string[] HeadlineOther =
    [
        "{A} and {B}: questions over ties", "New scrutiny for {A}", "{B} under pressure as questions mount", "Records shed light on {A} and {B}",
    ];
}
