using System.Globalization;
using System.Text;

namespace RelationGraph.Bench.Ingestion;

/// <summary>
/// A deterministic, news-shaped corpus: people with titles at organisations, contracts with amounts and
/// awarding bodies, investigations, meetings, plus filler prose. Every name is synthetic.
/// </summary>
internal static class NewsCorpus
{
    private static readonly string[] FirstNames =
    [
        "Amara", "Bastian", "Celeste", "Dmitri", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kalinda", "Lorenzo",
        "Mirela", "Nikolai", "Odile", "Pavel", "Quentin", "Rosalind", "Stellan", "Tamsin", "Ulrich", "Valeria", "Wendell", "Ximena",
        "Yusuf", "Zofia", "Anselm", "Brigitta", "Cosimo", "Delphine",
    ];

    private static readonly string[] LastNames =
    [
        "Achterberg", "Brennholt", "Castellano", "Drummond", "Eriksdottir", "Falconer", "Grimaldi", "Halloran", "Ivanova", "Jaramillo",
        "Kowalczyk", "Lindqvist", "Montgomery", "Nakashima", "Oyelaran", "Pemberton", "Quarles", "Rasmussen", "Santorini", "Thistlewood",
        "Underhill", "Vasquez", "Whitcombe", "Xenakis", "Yardley", "Zamora", "Abernathy", "Bellweather", "Corrigan", "Dunmore",
    ];

    private static readonly string[] OrgStems =
    [
        "Northwind", "Halvorsen", "Bluefjord", "Corvane", "Estmere", "Greyharbor", "Ironvale", "Kestrel", "Lumora", "Meridian Arc",
        "Nordlys", "Oakhaven", "Pellucid", "Quillon", "Redwater", "Silverlode", "Tarnbrook", "Umbriel", "Vantor", "Westerly",
    ];

    private static readonly string[] OrgSuffixes = ["Logistics", "Capital", "Dynamics", "Aerospace", "Holdings", "Systems", "Energy", "Analytics"];

    private static readonly string[] Agencies =
    [
        "Ministry of Transport", "Department of Energy Security", "Federal Procurement Office", "Coastal Defence Agency",
        "National Health Authority", "Office of Space Affairs", "Ministry of Water", "Border Logistics Directorate",
    ];

    private static readonly string[] Titles = ["chief executive of", "chairman of", "chief financial officer at", "a senior engineer at", "a director of", "general counsel for"];

    private static readonly string[] Roles = ["an adviser", "a board member", "chief strategy officer", "a consultant", "head of procurement"];

    private static readonly string[] Filler =
    [
        "Analysts said the market reaction was muted, with shares trading in a narrow range through the afternoon.",
        "The announcement came after months of negotiations that insiders described as difficult but constructive.",
        "Local officials declined to comment on the timeline, citing ongoing consultations with stakeholders.",
        "Critics argued that the process lacked transparency and called for a public hearing before the end of the year.",
        "The figures were published in a regulatory filing late on Tuesday and confirmed by two people familiar with the matter.",
        "Supporters of the plan pointed to rising demand across the region and a shortage of qualified suppliers.",
        "A spokesperson said the company remained committed to its long-term strategy despite the recent setbacks.",
        "Industry groups welcomed the decision but warned that costs could rise if delays continue into next spring.",
    ];

    /// <summary>Writes <paramref name="count"/> documents into <paramref name="folder"/> and returns their total size in bytes.</summary>
    public static long Generate(string folder, int count, int seed = 20_26)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var people = Enumerable.Range(0, 600).Select(_ => $"{Pick(random, FirstNames)} {Pick(random, LastNames)}").Distinct().ToArray();
        var companies = Enumerable.Range(0, 200).Select(_ => $"{Pick(random, OrgStems)} {Pick(random, OrgSuffixes)}").Distinct().ToArray();
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var text = Article(random, people, companies, i);
            var path = Path.Combine(folder, (i / 1000).ToString("D2", CultureInfo.InvariantCulture), $"article-{i:D6}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = Encoding.UTF8.GetBytes(text);
            File.WriteAllBytes(path, bytes);
            total += bytes.Length;
        }

        return total;
    }

    private static string Article(Random random, string[] people, string[] companies, int index)
    {
        var inv = CultureInfo.InvariantCulture;
        var builder = new StringBuilder(5_500);
        var company = Pick(random, companies);
        var agency = Pick(random, Agencies);
        builder.Append(inv, $"{company} wins {agency} deal as scrutiny grows\n\nBy {Pick(random, people)}\n\n");
        var citation = 1;
        while (builder.Length < 4_800)
        {
            var person = Pick(random, people);
            var other = Pick(random, people);
            var rival = Pick(random, companies);
            var amount = random.Next(2, 900);
            var unit = random.Next(3) == 0 ? "billion" : "million";
            var year = 2015 + random.Next(11);
            var sentence = random.Next(7) switch
            {
                0 => $"{person}, {Pick(random, Titles)} {company}, said the agreement would create hundreds of jobs [{citation}].",
                1 => $"In {year}, {company} won a ${amount} {unit} contract from the {agency} to modernise its fleet [{citation}].",
                2 => $"{person} met with {other} in {year} to discuss a possible merger with {rival} [{citation}].",
                3 => $"The {agency} opened an investigation into {rival} after auditors flagged ${amount} {unit} in unexplained payments [{citation}].",
                4 => $"{rival} acquired a stake in {company} for ${amount} {unit}, according to filings reviewed by reporters [{citation}].",
                5 => $"{person} wrote to {other} asking for documents about the {agency} tender [{citation}].",
                _ => $"{person} joined {rival} as {Pick(random, Roles)} after leaving {company} in {year} [{citation}].",
            };
            builder.Append(sentence).Append(' ');
            citation++;
            builder.Append(Pick(random, Filler)).Append(' ').Append(Pick(random, Filler)).Append("\n\n");
        }

        builder.Append(inv, $"Article {index}.\n");
        return builder.ToString();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
