using RelationGraph.Core.Identity;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Tests.Storage.Neo4j;

public sealed class Neo4jStatementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<string> CypherFiles(string folder) =>
        Directory.GetFiles(folder, "*.cypher").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Fact]
    public void CypherStatements_EveryFileInCypherFolder_IsEmbeddedVerbatim()
    {
        var onDisk = CypherFiles(RepositoryPaths.Cypher).ToList();

        Assert.Equal(onDisk.Select(f => "cypher/" + f), CypherStatements.ResourceNames);
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Cypher, "paths-shortest.cypher")), CypherStatements.PathsShortest.Text);
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Cypher, "schema.cypher")), CypherStatements.SchemaScript);
    }

    [Fact]
    public void FakeStatements_ModelEveryStatementTheAdapterEmbeds()
    {
        var statements = CypherFiles(RepositoryPaths.Cypher).Select(Path.GetFileNameWithoutExtension).Where(n => n != "schema");

        Assert.Equal(statements.Order(StringComparer.Ordinal), FakeStatements.ModelledNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Adapter_WholeWorkflow_SendsOnlyStatementsFromCypherFolder()
    {
        var fake = new FakeQueryApi();
        using var store = Neo4jTestStore.OnFake(fake);
        var port = store.Port;
        var alice = TestData.Id(EntityKind.Person, "Alice Able");
        var ministry = TestData.Id(EntityKind.Organisation, "Ministry of Works");

        await port.InitializeAsync(Ct);
        await port.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        foreach (var mode in Enum.GetValues<PathMode>())
        {
            await port.FindPathsAsync(new PathRequest { FromId = alice, ToId = ministry, Mode = mode }, Ct);
        }
        await port.ApplyAsync([TestData.Batch("docs/acme.txt", "Alice Able works for Acme Corp, it says.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"))], Ct);

        await port.SearchEntitiesAsync(new("acme"), Ct);
        await port.FindByNameAsync("Acme Corp", Ct);
        await port.FindIdentityCandidatesAsync([IdentityKeys.Name("acme corp")], Ct);
        // an entity no fact quotes is quoted from a mention
        await port.GetEntityQuotesAsync([alice, "per_0000000000000000"], Ct);
        await port.GetEntityAsync(alice, Ct);
        await port.GetNeighboursAsync(alice, PathFilter.None, 5, Ct);
        await port.GetEvidenceAsync(StableId.Fact(RelationType.EmployedBy, alice, TestData.Id(EntityKind.Organisation, "Acme Corp")), 0, 5, Ct);
        await port.ListDocumentsAsync(0, 5, Ct);
        await port.GetDocumentAsync(TestData.BobDocument().Document.Id, Ct);
        await port.GetDocumentMentionsAsync(TestData.BobDocument().Document.Id, Ct);
        await port.CountAsync(Ct);
        await port.HasEverHeldDocumentsAsync(Ct);
        await foreach (var _ in port.ExportAsync(Ct))
        {
        }

        var judgement = IdentityJudgement.Create(JudgementKind.Distinct, new JudgedEntity(alice, EntityKind.Person, "Alice Able"),
            new JudgedEntity(ministry, EntityKind.Organisation, "Ministry of Works"), [], "analyst", TestData.Epoch, null);
        await port.AddJudgementAsync(judgement, Ct);
        await port.ListJudgementsAsync(Ct);
        await port.RevokeJudgementAsync(judgement.Id, TestData.Epoch, "analyst", Ct);
        await port.GetEntityDocumentIdsAsync(alice, Ct);
        await port.GetSourceDocumentAsync(TestData.BobDocument().Document.Id, Ct);
        await port.RemoveDocumentAsync(TestData.BobDocument().Document.Id, Ct);

        var files = Directory.GetFiles(RepositoryPaths.Cypher, "*.cypher").Select(File.ReadAllText).ToHashSet(StringComparer.Ordinal);
        var schema = CypherStatements.SplitScript("schema", File.ReadAllText(Path.Combine(RepositoryPaths.Cypher, "schema.cypher"))).Select(s => s.Text);
        files.UnionWith(schema);
        files.UnionWith(new[] { CypherStatements.PathsShortest, CypherStatements.PathsKShortest, CypherStatements.PathsAllSimple }
            .SelectMany(CypherStatements.BoundPathVariants).Select(s => s.Text));
        files.UnionWith(RelationTypes.All.Select(t => CypherStatements.ExportFactsOf(t).Text));
        var sent = fake.Requests.Where(r => r.Statement is not null).ToList();
        Assert.All(sent, r => Assert.Contains(r.Statement!, files));
        Assert.All(sent, r => Assert.NotNull(r.StatementName));
        Assert.All(sent.Where(r => r.Kind == FakeRequestKind.Query), r => Assert.Equal(FakeCypher.Writes(r.Statement!) ? null : "READ", r.AccessMode));
        var used = sent.Select(r => r.StatementName!.Split('#', '[')[0]).ToHashSet(StringComparer.Ordinal);
        var unused = CypherFiles(RepositoryPaths.Cypher).Select(Path.GetFileNameWithoutExtension).OfType<string>().Where(n => n != "delete-all" && !used.Contains(n));
        Assert.Empty(unused);
    }

    [Fact]
    public void SavedQueries_FirstLineIsATitleComment()
    {
        var saved = Directory.GetFiles(Path.Combine(RepositoryPaths.Cypher, "saved"), "*.cypher");

        Assert.True(saved.Length >= 5, "Browser users need the five saved queries the issue lists");
        Assert.All(saved, path =>
        {
            var first = File.ReadLines(path).First();
            Assert.StartsWith("// ", first, StringComparison.Ordinal);
            Assert.True(first.Length > 6, $"{path} has an empty title");
        });
    }

    [Fact]
    public void BrowserFavoritesZip_HoldsEverySavedQuery()
    {
        var zip = Path.Combine(RepositoryPaths.Root, "artifacts", "neo4j-browser-favorites.zip");
        Assert.True(File.Exists(zip), "building RelationGraph.Storage.Neo4j writes " + zip);

        using var archive = ZipFile.OpenRead(zip);

        var saved = CypherFiles(Path.Combine(RepositoryPaths.Cypher, "saved"));
        Assert.Equal(saved, archive.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(archive.Entries, e => Assert.EndsWith(".cypher", e.FullName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"nested": {"a": 1}}""")]
    [InlineData("""{"nested": [[1, 2], [3]]}""")]
    [InlineData("""{"nested": ["a", null]}""")]
    [InlineData("""{"nested": ["a", 1]}""")]
    public async Task Fake_DocumentPropsThatNeo4jCannotStore_AreRejectedWithTypeError(string props)
    {
        using var fake = new FakeQueryApi();
        using var http = Client(fake);
        var body = $$$"""{"statement": {{{JsonSerializer.Serialize(CypherStatements.DocumentMerge.Text)}}}, "parameters": {"docId": "doc_1", "props": {{{props}}}}}""";

        using var response = await http.PostAsync("db/neo4j/query/v2", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Neo.ClientError.Statement.TypeError", json.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Empty(fake.Graph.Nodes);
    }

    [Theory]
    [InlineData("MATCH (n) DETACH DELETE n", "Neo.ClientError.Statement.SyntaxError")]
    [InlineData(null, "Neo.ClientError.Statement.ParameterMissing")]
    public async Task Fake_UnknownStatementOrMissingParameter_IsRejected(string? statement, string code)
    {
        using var fake = new FakeQueryApi();
        using var http = Client(fake);
        var text = statement ?? CypherStatements.DocumentState.Text;
        var body = $$$"""{"statement": {{{JsonSerializer.Serialize(text)}}}, "parameters": {}}""";

        using var response = await http.PostAsync("db/neo4j/query/v2", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(code, json.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Fake_TransactionRequestWithoutAffinityHeader_IsNotFound()
    {
        using var fake = new FakeQueryApi();
        using var http = Client(fake);
        using var begin = await http.PostAsync("db/neo4j/query/v2/tx", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        using var opened = JsonDocument.Parse(await begin.Content.ReadAsStringAsync(Ct));
        var id = opened.RootElement.GetProperty("transaction").GetProperty("id").GetString();

        using var commit = await http.PostAsync($"db/neo4j/query/v2/tx/{id}/commit", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        using var json = JsonDocument.Parse(await commit.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Neo.ClientError.Request.Invalid", json.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.True(begin.Headers.Contains(QueryApiClient.AffinityHeader));
    }

    [Fact]
    public async Task FindPathsAsync_KShortestAndAllSimple_ReturnLongerAlternativesShortestFirst()
    {
        using var store = Neo4jTestStore.OnFake(new FakeQueryApi());
        var extra = TestData.Batch("docs/bob-acme.txt", "Bob Baker works for Acme Corp.",
            ("Bob Baker", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Bob Baker works for Acme Corp"));
        await store.Port.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument(), extra], Ct);
        var bob = TestData.Id(EntityKind.Person, "Bob Baker");
        var acme = TestData.Id(EntityKind.Organisation, "Acme Corp");

        var shortest = await store.Port.FindPathsAsync(new PathRequest { FromId = bob, ToId = acme, Mode = PathMode.Shortest }, Ct);
        var kShortest = await store.Port.FindPathsAsync(new PathRequest { FromId = bob, ToId = acme, Mode = PathMode.KShortest, K = 5 }, Ct);
        var allSimple = await store.Port.FindPathsAsync(new PathRequest { FromId = bob, ToId = acme, Mode = PathMode.AllSimple, K = 5 }, Ct);
        var people = await store.Port.FindPathsAsync(new PathRequest
        {
            FromId = bob, ToId = acme, Mode = PathMode.KShortest, K = 5,
            Filter = new PathFilter { MiddleKinds = new HashSet<EntityKind> { EntityKind.Organisation } },
        }, Ct);

        Assert.Equal([1], shortest.Paths.Select(p => p.Length));
        Assert.Equal([1, 2], kShortest.Paths.Select(p => p.Length));
        Assert.Equal([1, 2], allSimple.Paths.Select(p => p.Length));
        Assert.Equal([1], people.Paths.Select(p => p.Length));
        Assert.Equal([bob, TestData.Id(EntityKind.Person, "Alice Able"), acme], kShortest.Paths[1].Nodes.Select(n => n.Id));
        var backwards = await store.Port.FindPathsAsync(new PathRequest { FromId = acme, ToId = bob, Mode = PathMode.Shortest }, Ct);
        var hop = Assert.Single(Assert.Single(backwards.Paths).Hops);
        Assert.False(hop.Forward);
        Assert.Equal((acme, bob, bob), (hop.From, hop.To, hop.Fact.SubjectId));
    }

    private static HttpClient Client(FakeQueryApi fake)
    {
        var http = new HttpClient(fake, disposeHandler: false) { BaseAddress = new Uri("http://neo4j.test:7474/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.User}:{fake.Password}")));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }
}
