using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// The path statements against a fake that applies Neo4j's order of path selection (pre-filters, selector,
/// post-filter) and reads relationships as the statement's patterns would, so a statement that is right only in
/// a naive model fails here.
/// </summary>
public sealed class Neo4jPathStatementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Chain = ["Ann One", "Ben Two", "Cat Three", "Dan Four", "Eve Five", "Fay Six"];

    // One document names all six people and links each to the next: the entity path from the first to the last is
    // 5 hops, the path through the document and two mentions is 4.
    private static DocumentGraph ChainDocument()
    {
        var text = string.Join(" ", Chain.Zip(Chain.Skip(1), (a, b) => $"{a} knows {b}."));
        return TestData.Batch("docs/chain.txt", text,
            [.. Chain.Zip(Chain.Skip(1), (a, b) => (a, EntityKind.Person, RelationType.AssociatedWith, b, EntityKind.Person, $"{a} knows {b}"))]);
    }

    [Fact]
    public async Task SavedShortestPathsBetweenNames_NamesInOneDocumentFiveHopsApart_FindsTheEntityPath()
    {
        var fake = new FakeQueryApi();
        using (var store = Neo4jTestStore.OnFake(fake))
        {
            await store.Port.ApplyAsync([ChainDocument()], Ct);
        }

        using var http = Client(fake);
        var statement = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Cypher, "saved", "shortest-paths-between-two-names.cypher"), Ct);
        var body = JsonSerializer.Serialize(new { statement, parameters = new { from = "ann one", to = "FAY SIX" } });

        using var response = await http.PostAsync("db/neo4j/query/v2", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var rows = json.RootElement.GetProperty("data").GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(Chain.Order(StringComparer.Ordinal), rows.SelectMany(r => new[] { r[1].GetString(), r[2].GetString() }).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("ASSOCIATED_WITH", r[0].GetString()));
    }

    [Fact]
    public async Task FindPathsAsync_KShortestAmongMoreEqualLengthPathsThanAnyCap_ReturnsTheTopKByEvidence()
    {
        // 60 two-hop paths from Ann to Zed, each through its own middle person; a second document backs three of them
        var middles = Enumerable.Range(0, 60).Select(i => $"Mid {i:D2}").ToArray();
        var text = string.Join(" ", middles.Select(m => $"Ann One met {m}. {m} met Zed Last."));
        var all = TestData.Batch("docs/many.txt", text,
            [.. middles.SelectMany(m => new[]
            {
                ("Ann One", EntityKind.Person, RelationType.AssociatedWith, m, EntityKind.Person, $"Ann One met {m}"),
                (m, EntityKind.Person, RelationType.AssociatedWith, "Zed Last", EntityKind.Person, $"{m} met Zed Last"),
            })]);
        var backed = new[] { "Mid 07", "Mid 31", "Mid 52" };
        var again = TestData.Batch("docs/again.txt", string.Join(" ", backed.Select(m => $"Ann One met {m}. {m} met Zed Last.")),
            [.. backed.SelectMany(m => new[]
            {
                ("Ann One", EntityKind.Person, RelationType.AssociatedWith, m, EntityKind.Person, $"Ann One met {m}"),
                (m, EntityKind.Person, RelationType.AssociatedWith, "Zed Last", EntityKind.Person, $"{m} met Zed Last"),
            })]);
        using var store = Neo4jTestStore.OnFake(new FakeQueryApi());
        await store.Port.ApplyAsync([all, again], Ct);
        var request = new PathRequest
        {
            FromId = TestData.Id(EntityKind.Person, "Ann One"), ToId = TestData.Id(EntityKind.Person, "Zed Last"), Mode = PathMode.KShortest, K = 3,
        };

        var first = await store.Port.FindPathsAsync(request, Ct);
        var second = await store.Port.FindPathsAsync(request, Ct);

        Assert.Equal(backed.Select(m => TestData.Id(EntityKind.Person, m)).Order(StringComparer.Ordinal), first.Paths.Select(p => p.Nodes[1].Id).Order(StringComparer.Ordinal));
        Assert.Equal(first.Paths.Select(p => p.Nodes[1].Id), second.Paths.Select(p => p.Nodes[1].Id));
    }

    [Theory]
    [InlineData(PathMode.Shortest)]
    [InlineData(PathMode.KShortest)]
    [InlineData(PathMode.AllSimple)]
    public async Task FindPathsAsync_AnyMode_WalksNoDeeperThanMaxHops(PathMode mode)
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([ChainDocument()], Ct);

        var result = await store.Port.FindPathsAsync(new PathRequest
        {
            FromId = TestData.Id(EntityKind.Person, Chain[0]), ToId = TestData.Id(EntityKind.Person, Chain[^1]), Mode = mode, MaxHops = 2, K = 5,
        }, Ct);

        Assert.Empty(result.Paths);
        var cost = Assert.Single(fake.Costs, c => c.Statement.StartsWith("paths-", StringComparison.Ordinal));
        Assert.InRange(cost.DeepestHop, 1, 2);
    }

    [Theory]
    [InlineData(PathMode.Shortest)]
    [InlineData(PathMode.KShortest)]
    [InlineData(PathMode.AllSimple)]
    public async Task FindPathsAsync_ThroughEntitiesWithManyMentions_ReadsOnlyFactRelationships(PathMode mode)
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        await store.Port.ApplyAsync([.. Enumerable.Range(0, 30).Select(i => TestData.Batch($"docs/repeat-{i}.txt", $"Report {i}: Alice Able works for Acme Corp.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp")))], Ct);

        var result = await store.Port.FindPathsAsync(new PathRequest { FromId = TestData.AliceId, ToId = TestData.AcmeId, Mode = mode }, Ct);

        Assert.Single(result.Paths);
        var cost = Assert.Single(fake.Costs, c => c.Statement.StartsWith("paths-", StringComparison.Ordinal));
        Assert.InRange(cost.RelationshipReads, 1, 10);
    }

    [Fact]
    public void PathStatements_BoundToARequest_ChangeOnlyTheQuantifierAndGroupCount()
    {
        var bound = CypherStatements.BoundPath(CypherStatements.PathsKShortest, 3, 2);

        Assert.Contains("){1,3}", bound.Text, StringComparison.Ordinal);
        Assert.Contains("SHORTEST 2 GROUPS", bound.Text, StringComparison.Ordinal);
        Assert.Equal(CypherStatements.PathsKShortest.Text.Length, bound.Text.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => CypherStatements.BoundPath(CypherStatements.PathsShortest, 7, 1));
    }

    private static HttpClient Client(FakeQueryApi fake)
    {
        var http = new HttpClient(fake, disposeHandler: false) { BaseAddress = new Uri("http://neo4j.test:7474/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.User}:{fake.Password}")));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }
}
