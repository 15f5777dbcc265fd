using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite;
using RelationGraph.Tests.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>The API must answer the same from Neo4j as from the embedded store: same graph in, same JSON out.</summary>
public sealed class Neo4jParityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Alice = TestData.AliceId;
    private static readonly string Bob = TestData.BobId;
    private static readonly string Acme = TestData.AcmeId;
    private static readonly string Ministry = TestData.MinistryId;

    // The same three documents, a few minutes apart, into the embedded store and the Neo4j adapter on the fake: the same results.
    private static async Task<(SqliteGraphStore Sqlite, Neo4jTestStore Neo4j)> BothStoresWithThreeDocumentsAsync(SqliteTestFiles files)
    {
        var sqliteTime = new FakeTimeProvider(TestData.Epoch);
        var neo4jTime = new FakeTimeProvider(TestData.Epoch);
        var sqlite = await files.OpenInitializedAsync(sqliteTime);
        var neo4j = Neo4jTestStore.OnFake(new FakeQueryApi(), time: neo4jTime);
        await neo4j.Port.InitializeAsync(Ct);
        var bobAtAcme = TestData.Batch("docs/bob-acme.txt", "Bob Baker works for Acme Corp.",
            ("Bob Baker", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Bob Baker works for Acme Corp"));
        foreach (var (batch, minutes) in new[] { (TestData.AcmeDocument(), 0), (TestData.BobDocument(), 5), (bobAtAcme, 10) })
        {
            sqliteTime.SetUtcNow(TestData.Epoch.AddMinutes(minutes));
            neo4jTime.SetUtcNow(TestData.Epoch.AddMinutes(minutes));
            Assert.Equal(Json(await sqlite.ApplyAsync([batch], Ct)), Json(await neo4j.Port.ApplyAsync([batch], Ct)));
        }

        return (sqlite, neo4j);
    }

    [Fact]
    public async Task EveryRead_SameGraphInBothStores_AnswersTheSameJson()
    {
        await using var files = new SqliteTestFiles();
        var (sqlite, neo4j) = await BothStoresWithThreeDocumentsAsync(files);
        using var _ = neo4j;

        IGraphStore[] stores = [sqlite, neo4j.Port];
        {
            await SameAsync(stores, s => s.CountAsync(Ct));
            foreach (var mode in Enum.GetValues<PathMode>())
            {
                var paths = await SameAsync(stores, async s => await s.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Ministry, Mode = mode, K = 5, MaxHops = 5 }, Ct) with { Elapsed = TimeSpan.Zero });
                Assert.Contains("\"AWARDED_BY\"", paths, StringComparison.Ordinal);
                Assert.Contains("\"Quote\": \"awarded by the Ministry of Works\"", paths, StringComparison.Ordinal);
                await SameAsync(stores, async s => await s.FindPathsAsync(new PathRequest { FromId = Acme, ToId = Bob, Mode = mode, K = 5 }, Ct) with { Elapsed = TimeSpan.Zero });
            }

            await SameAsync(stores, s => s.GetEntityAsync(Alice, Ct));
            await SameAsync(stores, s => s.GetEntityAsync(TestData.Id(EntityKind.Contract, "Ministry road contract (2024)"), Ct));
            await SameAsync(stores, s => s.GetNeighboursAsync(Acme, PathFilter.None, 10, Ct));
            Assert.Contains("\"Total\": 2", await SameAsync(stores, s => s.GetEvidenceAsync(StableId.Fact(RelationType.EmployedBy, Alice, Acme), 0, 10, Ct)), StringComparison.Ordinal);
            await SameAsync(stores, s => s.SearchEntitiesAsync(new EntitySearch("a"), Ct));
            await SameAsync(stores, s => s.FindByNameAsync("acme corp", Ct));
            await SameAsync(stores, s => s.ListDocumentsAsync(0, 10, Ct));
            await SameAsync(stores, s => s.GetDocumentAsync(TestData.BobDocument().Document.Id, Ct));
        }

        var edited = TestData.Batch("docs/acme.txt", "Alice Able works for Acme Corp, it says.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"));
        Assert.Equal(Json(await sqlite.ApplyAsync([edited], Ct)), Json(await neo4j.Port.ApplyAsync([edited], Ct)));
        await SameAsync([sqlite, neo4j.Port], s => s.GetEntityAsync(Alice, Ct));
        await SameAsync([sqlite, neo4j.Port], s => s.CountAsync(Ct));
    }

    [Fact]
    public async Task RemoveDocumentAsync_SameGraphInBothStores_ReportsAndLeavesTheSame()
    {
        await using var files = new SqliteTestFiles();
        var (sqlite, neo4j) = await BothStoresWithThreeDocumentsAsync(files);
        using var _ = neo4j;

        IGraphStore[] stores = [sqlite, neo4j.Port];
        foreach (var removed in new[] { TestData.BobDocument().Document.Id, TestData.AcmeDocument().Document.Id })
        {
            var result = await SameAsync(stores, s => s.RemoveDocumentAsync(removed, Ct));
            Assert.Contains($"\"Outcome\": {(int)ApplyOutcome.Removed}", result, StringComparison.Ordinal);
            await SameAsync(stores, s => s.CountAsync(Ct));
            // first and last seen of what remains come from the remaining documents' times
            await SameAsync(stores, s => s.GetEntityAsync(Alice, Ct));
            await SameAsync(stores, s => s.GetEntityAsync(Bob, Ct));
            await SameAsync(stores, s => s.GetEntityAsync(Acme, Ct));
            await SameAsync(stores, s => s.GetNeighboursAsync(Acme, PathFilter.None, 10, Ct));
            await SameAsync(stores, s => s.GetEvidenceAsync(StableId.Fact(RelationType.EmployedBy, Alice, Acme), 0, 10, Ct));
            await SameAsync(stores, s => s.SearchEntitiesAsync(new EntitySearch("a"), Ct));
            await SameAsync(stores, s => s.ListDocumentsAsync(0, 10, Ct));
            await SameAsync(stores, async s => await s.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Alice, Mode = PathMode.KShortest, K = 5 }, Ct) with { Elapsed = TimeSpan.Zero });
        }

        Assert.Equal("null", await SameAsync(stores, s => s.RemoveDocumentAsync(TestData.AcmeDocument().Document.Id, Ct)));
    }

    private static async Task<string> SameAsync<T>(IGraphStore[] stores, Func<IGraphStore, Task<T>> read)
    {
        var embedded = Json(await read(stores[0]));
        var neo4j = Json(await read(stores[1]));
        Assert.Equal(embedded, neo4j);
        return embedded;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Indented);
}
