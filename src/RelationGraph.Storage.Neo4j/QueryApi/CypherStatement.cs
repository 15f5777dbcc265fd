using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using RelationGraph.Core.Model;

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
    public static CypherStatement FactsSubtract { get; } = Load("facts-subtract");
    public static CypherStatement FactsAdd { get; } = Load("facts-add");
    public static CypherStatement FactsPrune { get; } = Load("facts-prune");
    public static CypherStatement EntitiesSubtract { get; } = Load("entities-subtract");
    public static CypherStatement EntitiesAdd { get; } = Load("entities-add");
    public static CypherStatement EntitiesState { get; } = Load("entities-state");
    public static CypherStatement EntitiesRecount { get; } = Load("entities-recount");
    public static CypherStatement StoreFormat { get; } = Load("store-format");
    public static CypherStatement StoreFormatMark { get; } = Load("store-format-mark");
    public static CypherStatement FactsBackfill { get; } = Load("facts-backfill");
    public static CypherStatement MentionsBackfill { get; } = Load("mentions-backfill");
    public static CypherStatement EvidenceBackfill { get; } = Load("evidence-backfill");
    public static CypherStatement EntitiesDelete { get; } = Load("entities-delete");
    public static CypherStatement DocumentGet { get; } = Load("document-get");
    public static CypherStatement DocumentsList { get; } = Load("documents-list");
    public static CypherStatement DocumentMentions { get; } = Load("document-mentions");
    public static CypherStatement Counts { get; } = Load("counts");
    public static CypherStatement EverHeldDocuments { get; } = Load("ever-held-documents");
    public static CypherStatement EntityGet { get; } = Load("entity-get");
    public static CypherStatement EntityFacts { get; } = Load("entity-facts");
    public static CypherStatement FactGet { get; } = Load("fact-get");
    public static CypherStatement EvidencePage { get; } = Load("evidence-page");
    public static CypherStatement EvidenceForFacts { get; } = Load("evidence-for-facts");
    public static CypherStatement EntitiesByKey { get; } = Load("entities-by-key");
    public static CypherStatement EntitiesByIdentityKeys { get; } = Load("entities-by-identity-keys");
    public static CypherStatement EntitiesSearch { get; } = Load("entities-search");
    public static CypherStatement EntityQuotes { get; } = Load("entity-quotes");
    public static CypherStatement EntityMentionWindows { get; } = Load("entity-mention-windows");
    public static CypherStatement IdentityKeysPage { get; } = Load("identity-keys-page");
    public static CypherStatement IdentityKeysLink { get; } = Load("identity-keys-link");
    public static CypherStatement PathsShortest { get; } = Load("paths-shortest");
    public static CypherStatement PathsKShortest { get; } = Load("paths-k-shortest");
    public static CypherStatement PathsAllSimple { get; } = Load("paths-all-simple");
    public static CypherStatement ExportDocuments { get; } = Load("export-documents");
    public static CypherStatement ExportEntities { get; } = Load("export-entities");
    public static CypherStatement ExportFacts { get; } = LoadWith("export-facts", "[r:EMPLOYED_BY]");
    public static CypherStatement ExportMentions { get; } = Load("export-mentions");
    public static CypherStatement ExportEvidence { get; } = Load("export-evidence");
    public static CypherStatement DeleteAll { get; } = Load("delete-all");
    public static CypherStatement NameKeysBackfill { get; } = Load("name-keys-backfill");
    public static CypherStatement DocumentSource { get; } = Load("document-source");
    public static CypherStatement EntityDocumentIds { get; } = Load("entity-document-ids");
    public static CypherStatement JudgementsList { get; } = Load("judgements-list");
    public static CypherStatement JudgementCreate { get; } = Load("judgement-create");
    public static CypherStatement JudgementRevoke { get; } = Load("judgement-revoke");

    /// <summary>The quantifier every path statement is written with: 1 to the hard limit of 6 hops.</summary>
    public const string PathQuantifier = "){1,6}";

    /// <summary>The selector paths-k-shortest is written with: as many length groups as the hard limit allows.</summary>
    public const string PathGroups = "SHORTEST 6 GROUPS";

    private static readonly ConcurrentDictionary<(string Name, int MaxHops, int Groups), CypherStatement> BoundPaths = new();

    /// <summary>
    /// A path statement bound to a validated request: the quantifier's upper bound becomes <paramref name="maxHops"/> and
    /// <c>SHORTEST 6 GROUPS</c> becomes <paramref name="groups"/> groups. Both must be literals in Cypher 5, and a bound
    /// the walk cannot exceed is what keeps the search from enumerating paths longer than asked.
    /// </summary>
    public static CypherStatement BoundPath(CypherStatement template, int maxHops, int groups)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHops, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxHops, 6);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groups, maxHops);
        return BoundPaths.GetOrAdd((template.Name, maxHops, groups), key =>
        {
            var text = template.Text;
            if (text.Split(PathQuantifier).Length != 2)
            {
                throw new InvalidOperationException($"cypher/{template.Name}.cypher must contain the quantifier {PathQuantifier} exactly once.");
            }

            text = text.Replace(PathQuantifier, string.Create(CultureInfo.InvariantCulture, $"){{1,{key.MaxHops}}}"), StringComparison.Ordinal)
                .Replace(PathGroups, string.Create(CultureInfo.InvariantCulture, $"SHORTEST {key.Groups} GROUPS"), StringComparison.Ordinal);
            return new CypherStatement(string.Create(CultureInfo.InvariantCulture, $"{key.Name}[hops={key.MaxHops},groups={key.Groups}]"), text);
        });
    }

    /// <summary>Every bound form of a path statement, for checks that the adapter sends only what cypher/ holds.</summary>
    public static IEnumerable<CypherStatement> BoundPathVariants(CypherStatement template) =>
        from hops in Enumerable.Range(1, 6)
        from groups in Enumerable.Range(1, hops)
        select BoundPath(template, hops, groups);

    private static readonly Dictionary<RelationType, CypherStatement> ExportFactsByType = RelationTypes.All.ToDictionary(
        type => type,
        type => new CypherStatement($"export-facts[{type.ToWireName()}]", ExportFacts.Text.Replace("[r:EMPLOYED_BY]", $"[r:{type.ToWireName()}]", StringComparison.Ordinal)));

    /// <summary>export-facts for one fact type, so each page is read in order from that type's factKey constraint index.</summary>
    public static CypherStatement ExportFactsOf(RelationType type) => ExportFactsByType[type];

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

    // a statement the adapter specialises by replacing a token, which must be there exactly once
    private static CypherStatement LoadWith(string name, string token)
    {
        var statement = Load(name);
        return statement.Text.Split(token).Length == 2
            ? statement
            : throw new InvalidOperationException($"cypher/{name}.cypher must contain {token} exactly once.");
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name + ".cypher")
            ?? throw new InvalidOperationException($"cypher/{name}.cypher is not embedded in {Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
