using System.Reflection;

namespace RelationGraph.Storage.Neo4j.QueryApi;

/// <summary>One Cypher statement from <c>cypher/</c>, sent exactly as the file holds it.</summary>
internal sealed record CypherStatement(string Name, string Text)
{
    public override string ToString() => Name;
}

/// <summary>The embedded <c>cypher/*.cypher</c> files: the only Cypher the adapter sends.</summary>
internal static class CypherStatements
{
    private const string Prefix = "cypher/";
    private static readonly Assembly Assembly = typeof(CypherStatements).Assembly;

    public static CypherStatement DocumentState { get; } = Load("document-state");
    public static CypherStatement DocumentProvenance { get; } = Load("document-provenance");
    public static CypherStatement DocumentDeleteProvenance { get; } = Load("document-delete-provenance");
    public static CypherStatement DocumentMerge { get; } = Load("document-merge");
    public static CypherStatement DocumentDelete { get; } = Load("document-delete");
    public static CypherStatement EntitiesMerge { get; } = Load("entities-merge");
    public static CypherStatement MentionsCreate { get; } = Load("mentions-create");
    public static CypherStatement FactsMerge { get; } = Load("facts-merge");
    public static CypherStatement EvidenceCreate { get; } = Load("evidence-create");
    public static CypherStatement FactsEvidence { get; } = Load("facts-evidence");
    public static CypherStatement FactsSetTotals { get; } = Load("facts-set-totals");
    public static CypherStatement FactsDelete { get; } = Load("facts-delete");
    public static CypherStatement EntitiesTotals { get; } = Load("entities-totals");
    public static CypherStatement EntitiesSetTotals { get; } = Load("entities-set-totals");
    public static CypherStatement EntitiesDelete { get; } = Load("entities-delete");
    public static CypherStatement DocumentGet { get; } = Load("document-get");
    public static CypherStatement DocumentsList { get; } = Load("documents-list");
    public static CypherStatement DocumentMentions { get; } = Load("document-mentions");
    public static CypherStatement Counts { get; } = Load("counts");
    public static CypherStatement EntityGet { get; } = Load("entity-get");
    public static CypherStatement EntityFacts { get; } = Load("entity-facts");
    public static CypherStatement FactGet { get; } = Load("fact-get");
    public static CypherStatement EvidencePage { get; } = Load("evidence-page");
    public static CypherStatement EvidenceForFacts { get; } = Load("evidence-for-facts");
    public static CypherStatement EntitiesByKey { get; } = Load("entities-by-key");
    public static CypherStatement EntitiesSearch { get; } = Load("entities-search");
    public static CypherStatement PathsShortest { get; } = Load("paths-shortest");
    public static CypherStatement PathsKShortest { get; } = Load("paths-k-shortest");
    public static CypherStatement PathsAllSimple { get; } = Load("paths-all-simple");
    public static CypherStatement ExportDocuments { get; } = Load("export-documents");
    public static CypherStatement ExportEntities { get; } = Load("export-entities");
    public static CypherStatement ExportFacts { get; } = Load("export-facts");
    public static CypherStatement ExportMentions { get; } = Load("export-mentions");
    public static CypherStatement ExportEvidence { get; } = Load("export-evidence");
    public static CypherStatement DeleteAll { get; } = Load("delete-all");

    /// <summary>The schema file split into its statements (the Query API runs one statement per request).</summary>
    public static IReadOnlyList<CypherStatement> Schema { get; } = SplitScript("schema", ReadResource("schema"));

    /// <summary>The schema file as written, for scripts that cypher-shell runs.</summary>
    public static string SchemaScript { get; } = ReadResource("schema");

    /// <summary>Names of every embedded file.</summary>
    public static IReadOnlyList<string> ResourceNames { get; } =
        [.. Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Splits a script on statement-ending semicolons, dropping whole-line comments.</summary>
    public static IReadOnlyList<CypherStatement> SplitScript(string name, string script)
    {
        var lines = script.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return
        [
            .. string.Join('\n', lines)
                .Split(";\n")
                .Select(s => s.Trim().TrimEnd(';').Trim())
                .Where(s => s.Length > 0)
                .Select((s, i) => new CypherStatement($"{name}#{i + 1}", s)),
        ];
    }

    private static CypherStatement Load(string name) => new(name, ReadResource(name));

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name + ".cypher")
            ?? throw new InvalidOperationException($"cypher/{name}.cypher is not embedded in {Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
