using RelationGraph.Storage.Neo4j.Export;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// What only a real server can confirm about the statements in cypher/: that every form the adapter sends plans
/// under the server's Cypher version, and that the path, name, total and concurrency behaviour the fake models holds.
/// Runs when NEO4J_URL is set (a throwaway server: it empties the database), reports itself skipped otherwise.
/// </summary>
public sealed class Neo4jLiveStatementTests : IDisposable
{
    private readonly List<Neo4jTestStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Neo4jTestStore> LiveStoreAsync(bool empty = true)
    {
        var url = Environment.GetEnvironmentVariable("NEO4J_URL");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(url),
            "NEO4J_URL is not set: run `docker compose up neo4j` and set NEO4J_URL=http://localhost:7474 and NEO4J_PASSWORD to run the live Neo4j statement checks.");
        var store = Neo4jTestStore.OnServer(url!, Environment.GetEnvironmentVariable("NEO4J_USER") ?? "neo4j", Environment.GetEnvironmentVariable("NEO4J_PASSWORD") ?? "");
        _stores.Add(store);
        await store.Store.InitializeAsync(Ct);
        if (empty)
        {
            await store.Store.DeleteAllAsync(Ct);
        }

        return store;
    }

    private static Task<QueryResult> RunAsync(Neo4jTestStore store, string cypher, Dictionary<string, object?>? parameters = null) =>
        store.Client.RunAsync(new CypherStatement("live-check", cypher), parameters, readOnly: false, Ct);

    [Fact]
    public async Task EveryStatementForm_PlansOnTheServer()
    {
        var store = await LiveStoreAsync();
        var forms = Directory.GetFiles(RepositoryPaths.Cypher, "*.cypher").Where(f => !f.EndsWith("schema.cypher", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Cypher, "saved"), "*.cypher").Select(File.ReadAllText))
            .Concat(new[] { CypherStatements.PathsShortest, CypherStatements.PathsKShortest, CypherStatements.PathsAllSimple }.SelectMany(CypherStatements.BoundPathVariants).Select(s => s.Text))
            .Concat(RelationTypes.All.Select(t => CypherStatements.ExportFactsOf(t).Text))
            .ToList();

        foreach (var text in forms)
        {
            // EXPLAIN plans without running; a statement the server's Cypher rejects fails here
            await RunAsync(store, "EXPLAIN " + text, ParametersOf(text));
        }
    }

    [Fact]
    public async Task KShortest_MoreEqualLengthPathsThanAnyCap_ReturnsTheTopKEveryRun()
    {
        var store = await LiveStoreAsync();
        var middles = Enumerable.Range(0, 60).Select(i => $"Mid {i:D2}").ToArray();
        var backed = new[] { "Mid 07", "Mid 31", "Mid 52" };
        await store.Port.ApplyAsync([Fan("docs/many.txt", middles), Fan("docs/again.txt", backed)], Ct);
        var request = new PathRequest { FromId = TestData.Id(EntityKind.Person, "Ann One"), ToId = TestData.Id(EntityKind.Person, "Zed Last"), Mode = PathMode.KShortest, K = 3 };

        for (var run = 0; run < 5; run++)
        {
            var result = await store.Port.FindPathsAsync(request, Ct);
            Assert.Equal(backed.Select(m => TestData.Id(EntityKind.Person, m)).Order(StringComparer.Ordinal), result.Paths.Select(p => p.Nodes[1].Id).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task PathsAndSavedQuery_NamesInOneDocumentFiveHopsApart_FindTheEntityPathWithinMaxHopsOnly()
    {
        var store = await LiveStoreAsync();
        string[] chain = ["Ann One", "Ben Two", "Cat Three", "Dan Four", "Eve Five", "Fay Six"];
        var text = string.Join(" ", chain.Zip(chain.Skip(1), (a, b) => $"{a} knows {b}."));
        await store.Port.ApplyAsync([TestData.Batch("docs/chain.txt", text,
            [.. chain.Zip(chain.Skip(1), (a, b) => (a, EntityKind.Person, RelationType.AssociatedWith, b, EntityKind.Person, $"{a} knows {b}"))])], Ct);
        var from = TestData.Id(EntityKind.Person, chain[0]);
        var to = TestData.Id(EntityKind.Person, chain[^1]);

        foreach (var mode in Enum.GetValues<PathMode>())
        {
            Assert.Empty((await store.Port.FindPathsAsync(new PathRequest { FromId = from, ToId = to, Mode = mode, MaxHops = 4 }, Ct)).Paths);
            Assert.Equal(5, Assert.Single((await store.Port.FindPathsAsync(new PathRequest { FromId = from, ToId = to, Mode = mode, MaxHops = 5 }, Ct)).Paths).Length);
        }

        var saved = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Cypher, "saved", "shortest-paths-between-two-names.cypher"), Ct);
        var rows = await RunAsync(store, saved, new() { ["from"] = "ann one", ["to"] = "FAY SIX" });
        Assert.Equal(5, rows.Records.Count);
    }

    [Fact]
    public async Task NameLookups_AfterKeysAreLost_AreRestoredAtStartAndAnswerFromTheIndex()
    {
        var store = await LiveStoreAsync();
        await store.Port.ApplyAsync([TestData.AcmeDocument()], Ct);
        await RunAsync(store, "MATCH (k:NameKey) DETACH DELETE k");

        await store.Store.InitializeAsync(Ct);

        Assert.Equal([TestData.AcmeId], (await store.Port.FindByNameAsync("acme corp", Ct)).Select(e => e.Id));
        Assert.Equal([TestData.MinistryId], (await store.Port.SearchEntitiesAsync(new("works"), Ct)).Select(e => e.Id));
        var plan = await RunAsync(store, "EXPLAIN " + CypherStatements.EntitiesByKey.Text, new() { ["key"] = "acme corp" });
        Assert.NotNull(plan);
    }

    [Fact]
    public async Task ConcurrentWriters_SameFactFromManyDocuments_LoseNoTotals()
    {
        var first = await LiveStoreAsync();
        var second = await LiveStoreAsync(empty: false);
        var reports = Enumerable.Range(0, 20).Select(i => TestData.Batch($"docs/report-{i:D2}.txt", $"Report {i}: Alice Able works for Acme Corp.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"))).ToList();

        // two stores are two writers (as the API and a watch worker are): neither's write lock covers the other
        await Task.WhenAll(
            Task.Run(async () => { foreach (var r in reports.Where((_, i) => i % 2 == 0)) { await first.Port.ApplyAsync([r], Ct); } }, Ct),
            Task.Run(async () => { foreach (var r in reports.Where((_, i) => i % 2 == 1)) { await second.Port.ApplyAsync([r], Ct); } }, Ct));

        var page = await first.Port.GetEvidenceAsync(StableId.Fact(RelationType.EmployedBy, TestData.AliceId, TestData.AcmeId), 0, 1, Ct);
        Assert.Equal(20, page!.Fact.DocCount);
        Assert.Equal(20, page.Fact.EvidenceCount);
        Assert.Equal(20, (await first.Port.GetEntityAsync(TestData.AliceId, Ct))!.Entity.MentionCount);
        var join = new ExportJoin();
        await foreach (var item in first.Port.ExportAsync(Ct))
        {
            if (item.Evidence is { } ev)
            {
                join.Evidence.Add((ev.Id, ev.FactKey, ev.DocumentId));
            }
        }

        var stored = await RunAsync(first, "MATCH ()-[r:EMPLOYED_BY]->() RETURN r.docIds AS docIds");
        Assert.Equal(join.DocIdsByFact()[page.Fact.FactKey], stored.Records[0].Strings("docIds"));
    }

    [Fact]
    public async Task ReadOnlyRequest_ThatWrites_IsRefused()
    {
        var store = await LiveStoreAsync();

        var error = await Assert.ThrowsAsync<RelationGraph.Storage.Neo4j.Neo4jException>(() =>
            store.Client.RunAsync(CypherStatements.DocumentMerge, new Dictionary<string, object?> { ["docId"] = "doc_x", ["props"] = new Dictionary<string, object?>() }, readOnly: true, Ct));

        Assert.NotNull(error.Code);
        Assert.Equal(0, (await store.Port.CountAsync(Ct)).Documents);
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    private static DocumentGraph Fan(string source, string[] middles) =>
        TestData.Batch(source, string.Join(" ", middles.Select(m => $"Ann One met {m}. {m} met Zed Last.")),
            [.. middles.SelectMany(m => new[]
            {
                ("Ann One", EntityKind.Person, RelationType.AssociatedWith, m, EntityKind.Person, $"Ann One met {m}"),
                (m, EntityKind.Person, RelationType.AssociatedWith, "Zed Last", EntityKind.Person, $"{m} met Zed Last"),
            })]);

    // every $parameter a statement names, bound to a value of its kind: EXPLAIN plans without running
    private static Dictionary<string, object?> ParametersOf(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\$([A-Za-z_][A-Za-z0-9_]*)").Select(m => m.Groups[1].Value).Distinct()
            .ToDictionary(n => n, n => n switch
            {
                "k" or "limit" or "offset" or "perFact" or "minDocs" => (object?)1,
                "minConfidence" => 0.0,
                "types" or "middleKinds" or "ids" or "rows" or "factKeys" => Array.Empty<string>(),
                "props" => new Dictionary<string, object?>(),
                _ => "x",
            }, StringComparer.Ordinal);
}
