namespace RelationGraph.Bench.PathQuality;

/// <summary>
/// The name material the world is drawn from: given names, surnames, company stems and government words. Every
/// person's name is a random combination, so no one in the corpus is a real person.
/// </summary>
internal static class NameLists
{
    public static readonly string[] FemaleGiven =
    [
        "Bethany", "Marisa", "Helena", "Corinne", "Delia", "Frances", "Gwendolyn", "Harriet", "Imogen", "Judith",
        "Kathleen", "Lorna", "Maureen", "Nadine", "Olivia", "Pamela", "Rosalind", "Sabrina", "Theresa", "Vivian",
        "Wilhelmina", "Yvonne", "Abigail", "Beatrice", "Camilla", "Dorothy", "Eleanor", "Fiona", "Georgina", "Hilary",
        "Irene", "Jocelyn", "Karen", "Leonie", "Miriam", "Nora", "Philippa", "Rebecca", "Sylvia", "Tabitha",
        "Ursula", "Vera", "Audrey", "Bridget", "Constance", "Daphne", "Estelle", "Gillian", "Henrietta", "Lydia",
    ];

    public static readonly string[] MaleGiven =
    [
        "Albert", "Barnaby", "Cedric", "Desmond", "Edmund", "Felix", "Gordon", "Harold", "Ignatius", "Jasper",
        "Kenneth", "Leopold", "Malcolm", "Nigel", "Oswald", "Percival", "Quentin", "Roland", "Stanley", "Tobias",
        "Victor", "Walter", "Alistair", "Bertram", "Clifford", "Duncan", "Everett", "Franklin", "Gideon", "Horace",
        "Isaac", "Julian", "Lionel", "Marcus", "Norman", "Oliver", "Preston", "Raymond", "Simon", "Theodore",
        "Vincent", "Warren", "Ambrose", "Benedict", "Crispin", "Dominic", "Elliott", "Garrett", "Howard", "Lucas",
    ];

    public static readonly string[] Surnames =
    [
        "Redfern", "Lockhart", "Ashworth", "Blackwood", "Calloway", "Dunmore", "Ellsworth", "Fairbanks", "Gallagher", "Hargreave",
        "Ingleby", "Jarrett", "Kimball", "Langford", "Merriweather", "Northcott", "Oakley", "Pennington", "Quimby", "Radcliffe",
        "Sutcliffe", "Thornbury", "Upton", "Vickers", "Whitlock", "Yardley", "Abernathy", "Birtwistle", "Cartwright", "Delacourt",
        "Eastwood", "Fenwick", "Gresham", "Holloway", "Ironside", "Jessop", "Kettering", "Lowell", "Mortimer", "Nettleton",
        "Ormerod", "Prentice", "Rushworth", "Stanhope", "Tillman", "Underwood", "Venables", "Wetherby", "Aldridge", "Brockway",
        "Chadwick", "Dempsey", "Eggleston", "Fothergill", "Goodfellow", "Hathaway", "Inglis", "Jennings", "Kershaw", "Larkin",
        "Maddox", "Newbold", "Osgood", "Pickering", "Ramsbottom", "Shackleton", "Tolliver", "Vance", "Wainwright", "Ackroyd",
        "Bramwell", "Colfax", "Darrow", "Elwood", "Farnsworth", "Glanville", "Hollis", "Irwin", "Jolliffe", "Kingsley",
        "Lambert", "Mowbray", "Naylor", "Oldham", "Pryce", "Rowntree", "Selwyn", "Treadwell", "Vaughan", "Winslow",
        "Ashby", "Bellamy", "Corbett", "Dawlish", "Everard", "Fitzroy", "Gilchrist", "Hadley", "Ives", "Keating",
        "Lisle", "Marlowe", "Nesbitt", "Ogilvie", "Pettigrew", "Rathbone", "Sowerby", "Thackeray", "Waverley", "Ainsley",
        "Brereton", "Carrick", "Draycott", "Emsworth", "Foxley", "Grantham", "Harcourt", "Kendrick", "Linley", "Moberly",
    ];

    // Names with particles or non-English conventions, each with fitting given names: (female, male, surnames).
    public static readonly (string[] Female, string[] Male, string[] Surnames)[] ParticleGroups =
    [
        (["Esther", "Maaike", "Anouk", "Lieke"], ["Pieter", "Joost", "Maarten", "Sander"], ["de Groot", "van der Berg", "de Vries", "van Leeuwen", "ter Horst", "van Dam"]),
        (["Clodagh", "Siobhán", "Aoife", "Gráinne"], ["Pádraig", "Eoin", "Cathal", "Diarmuid"], ["Ó Briain", "Ó Ceallaigh", "Mac Giolla", "Ó Dálaigh"]),
        (["Layla", "Yasmin", "Rania", "Nour"], ["Ahmed", "Omar", "Karim", "Tariq"], ["al-Rashid", "al-Masri", "el-Amin", "al-Haddad", "al-Sayegh"]),
        (["Charlotte", "Margaux", "Élise", "Amélie"], ["Étienne", "Laurent", "Benoît", "Rémi"], ["de la Tour", "du Plessis", "de Montfort", "Le Goff"]),
        (["Giulia", "Chiara", "Ana", "Inês"], ["Matteo", "Paolo", "João", "Tiago"], ["di Marco", "da Silva", "dos Santos", "De Luca"]),
        (["Friederike", "Annika"], ["Jürgen", "Konrad"], ["von Hallstein", "von Arnim-Keller"]),
    ];

    // Western order with diacritics: (female, male, surnames).
    public static readonly (string[] Female, string[] Male, string[] Surnames)[] DiacriticGroups =
    [
        (["Zoë", "Łucja", "Agnieszka", "Małgorzata"], ["Bartłomiej", "Józef", "Paweł", "Wojciech"], ["Łukasiewicz", "Wiśniewska-Nowak", "Zając", "Kołodziej", "Dąbrowski"]),
        (["Inés", "Lucía", "Begoña", "María José"], ["José", "Andrés", "Joaquín", "Rubén"], ["Núñez", "Ibáñez", "Muñoz", "Jiménez", "Ortíz"]),
        (["Renée", "Ségolène", "Zoë"], ["José", "André", "Jérôme"], ["Müller", "Schäfer", "Größer", "Köhler", "Bäumer"]),
        (["Sigrid", "Åsa", "Sigrún"], ["Søren", "Björn", "Håkon"], ["Sørensen", "Håkansson", "Ljungström", "Þórsdóttir"]),
        (["Elif", "Gülşen"], ["Çağan", "Tuğrul"], ["Öztürk", "Şahin", "Yıldız"]),
        (["Milena", "Vesna"], ["Dušan", "Zoran"], ["Kovačević", "Petrović", "Đorđević"]),
    ];

    // Family name first, as East Asian names are printed: (family names, female given, male given).
    public static readonly (string[] Family, string[] Female, string[] Male)[] FamilyFirstGroups =
    [
        (["Park", "Kim", "Lee", "Choi", "Jung", "Kang", "Yoon", "Han"], ["Soo-yeon", "Hye-jin", "Seo-yeon", "Eun-ji", "Min-seo", "Ji-woo"], ["Ji-hoon", "Min-jun", "Dong-hyun", "Jae-won", "Sung-min", "Tae-yang"]),
        (["Chen", "Wang", "Liu", "Zhao", "Huang", "Xu"], ["Wei-ling", "Xiaomei", "Yu-ting", "Jiayi"], ["Jian", "Hao", "Zhiwei", "Junjie"]),
    ];

    // Given names and surnames that read like organisations or places ("Chase Banks", "Madison Hall").
    public static readonly string[] OrgLikeGiven = ["Chase", "Sterling", "Hunter", "Madison", "Carter", "Lincoln", "Sydney", "Austin"];

    public static readonly string[] OrgLikeSurnames = ["Banks", "Church", "Hall", "Ford", "Mills", "Temple", "Marsh", "Street", "Price", "Chambers"];

    public static readonly string[] CompanyPrefixes =
    [
        "Corv", "Tarn", "Hal", "Blu", "Ester", "Grey", "Iron", "Kest", "Lum", "Mer", "Nord", "Oak", "Pell", "Quill", "Rav",
        "Silver", "Umb", "Vant", "Wester", "Ash", "Brack", "Cinder", "Dun", "Elm", "Fal", "Glen", "Holt", "Ivor", "Jun", "Kell",
        "Lark", "Marl", "Nest", "Orr", "Pine", "Rook", "Sable", "Thorn", "Vey", "Wyn",
    ];

    public static readonly string[] CompanySuffixes =
    [
        "ane", "brook", "stead", "fjord", "mere", "harbor", "vale", "rel", "ora", "idian", "lys", "haven", "ucid", "on", "water",
        "lode", "riel", "or", "ly", "ford", "well", "wick", "ton", "gate",
    ];

    public static readonly string[] Industries =
    [
        "Logistics", "Aerospace", "Energy", "Systems", "Holdings", "Capital", "Dynamics", "Analytics", "Marine", "Shipbuilding",
        "Construction", "Security", "Health", "Pharmaceuticals", "Telecom", "Consulting", "Partners", "Group", "Labs", "Robotics",
        "Fuels", "Defense Systems", "Engineering", "Software", "Mining", "Infrastructure", "Ventures",
    ];

    public static readonly string[] LegalSuffixes = ["Inc.", "Ltd.", "LLC", "plc"];

    public static readonly string[] Regions = ["Carrow", "Eastvale", "Northmarch", "Redcliff", "Westmere", "Saltmarsh", "Kingsford", "Ambrel", "Dunholm", "Varnley", "Ostmark", "Brightwater"];

    public static readonly string[] Domains =
    [
        "Procurement", "Maritime Safety", "Energy Security", "Water Resources", "Highways", "Civil Aviation", "Health Standards",
        "Border Logistics", "Defence Supply", "Rail", "Public Works", "Telecommunications", "Customs", "Fisheries", "Mining",
        "Housing", "Ports", "Emergency Management", "Veterans Services", "Nuclear Safety", "Food Standards", "Digital Services",
        "Coastal Protection", "Forestry", "Pipeline Safety", "Space Affairs", "Transport", "School Funding",
    ];

    // {d} is a domain, {r} a region.
    public static readonly string[] AgencyPatterns =
    [
        "Federal {d} Office", "National {d} Agency", "{d} Authority", "Department of {d}", "Ministry of {d}", "{d} Directorate",
        "{r} {d} Authority", "State {d} Administration", "{r} {d} Commission",
    ];

    public static readonly string[] CommandPatterns = ["{r} Naval Command", "Joint Logistics Command", "{r} Air Command", "Coastal Defence Command", "{r} Army Supply Command"];

    public static readonly string[] OfficePatterns =
    [
        "Office of the Inspector General for {d}", "{r} Prosecutor's Office", "Procurement Integrity Office", "Office of Public Audit",
        "{r} Audit Office", "Competition Bureau of {r}", "Financial Conduct Office", "{r} Anti-Corruption Directorate", "{r} District Court",
        "Public Integrity Unit", "{d} Ombudsman's Office", "{r} Fraud Prosecution Office", "Office of the Auditor General of {r}",
    ];

    public static readonly string[] CommitteePatterns =
    [
        "Senate Committee on {d}", "House {d} Committee", "Senate {d} Committee", "House Committee on {d}", "Joint Committee on {d}",
        "{r} Council Finance Committee", "{r} Council Oversight Committee",
    ];
}
