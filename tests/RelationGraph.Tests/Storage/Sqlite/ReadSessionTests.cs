using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite.Reading;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>Reads run on connections the store keeps open with their statements compiled; answers must not notice.</summary>
public sealed class ReadSessionTests : SqliteStoreTestBase
{
    [Fact]
    public async Task FindPathsAsync_ManyQuestionsThroughOneKeptSession_AnswerEachAsAStoreAskedOnlyThatQuestion()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), Uncached(readConnections: 1));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        PathRequest[] requests =
        [
            new() { FromId = Bob, ToId = Ministry, MaxHops = 5 },
            new() { FromId = Alice, ToId = Acme, EvidencePerHop = 1 },
            new() { FromId = Ministry, ToId = Alice, MaxHops = 4, Mode = PathMode.KShortest, K = 2 },
            new() { FromId = Alice, ToId = Acme, EvidencePerHop = 5 },
            new() { FromId = Bob, ToId = Acme },
        ];

        var answers = new List<string>();
        foreach (var request in requests)
        {
            answers.Add(Json(await store.FindPathsAsync(request, Ct)));
            Assert.Equal(1, store.ReadSessions.Opened);
        }

        for (var i = 0; i < requests.Length; i++)
        {
            var fresh = Files.Open(new FakeTimeProvider(TestData.Epoch), Uncached(readConnections: 1));
            Assert.Equal(answers[i], Json(await fresh.FindPathsAsync(requests[i], Ct)));
            await fresh.DisposeAsync();
        }

        Assert.Contains("Bob Baker is a close associate of Alice Able", answers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadsOnAKeptSession_AfterAWriteCommits_SeeTheNewData()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), Uncached(readConnections: 1));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var request = new PathRequest { FromId = Alice, ToId = Acme };
        var factKey = StableId.Fact(RelationType.EmployedBy, Alice, Acme);
        Assert.Single(Assert.Single(Assert.Single((await store.FindPathsAsync(request, Ct)).Paths).Hops).Evidence);
        Assert.Equal(1, (await store.GetEvidenceAsync(factKey, 0, 10, Ct))!.Total);
        Assert.Equal(1, (await store.GetEntitySummaryAsync(Alice, Ct))!.DocCount);

        await store.ApplyAsync([TestData.BobDocument()], Ct);

        var hop = Assert.Single(Assert.Single((await store.FindPathsAsync(request, Ct)).Paths).Hops);
        Assert.Equal(2, hop.Evidence.Count);
        Assert.Equal(2, hop.Fact.DocCount);
        Assert.Equal(2, (await store.GetEvidenceAsync(factKey, 0, 10, Ct))!.Total);
        Assert.Equal(2, (await store.GetEntitySummaryAsync(Alice, Ct))!.DocCount);
        Assert.Equal(1, store.ReadSessions.Opened);
    }

    [Fact]
    public async Task Reads_MoreConcurrentThanReadConnections_ShareTheBoundedSessionsAndAnswerAlike()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), Uncached(readConnections: 2));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var request = new PathRequest { FromId = Bob, ToId = Ministry, MaxHops = 5 };
        var expected = Json(await store.FindPathsAsync(request, Ct));

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            i % 2 == 0
                ? Json(await store.FindPathsAsync(request, Ct))
                : JsonSerializer.Serialize(await store.GetEntityAsync(Alice, Ct)), Ct)));

        Assert.All(answers.Where((_, i) => i % 2 == 0), answer => Assert.Equal(expected, answer));
        Assert.All(answers.Where((_, i) => i % 2 == 1), answer => Assert.Contains("Alice Able", answer, StringComparison.Ordinal));
        Assert.InRange(store.ReadSessions.Opened, 1, 2);
    }

    [Fact]
    public async Task SearchEntitiesAsync_KeptStatementWithANullParameterThenAValue_FiltersEachTimeAsAsked()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), Uncached(readConnections: 1));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);

        var anyKind = await store.SearchEntitiesAsync(new EntitySearch("a", null, 50), Ct);
        var people = await store.SearchEntitiesAsync(new EntitySearch("a", EntityKind.Person, 50), Ct);
        var anyKindAgain = await store.SearchEntitiesAsync(new EntitySearch("a", null, 50), Ct);

        Assert.Contains(anyKind, e => e.Kind == EntityKind.Organisation);
        Assert.NotEmpty(people);
        Assert.All(people, e => Assert.Equal(EntityKind.Person, e.Kind));
        Assert.Equal(anyKind.Select(e => e.Id), anyKindAgain.Select(e => e.Id));
    }

    [Fact]
    public async Task EntitySummaries_EntityWithAliases_CarryTheAliasesTheSeparateAliasQueryReturned()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), Uncached(readConnections: 1));
        var batch = TestData.AcmeDocument();
        batch = batch with
        {
            Entities = [.. batch.Entities.Select(e => e.Id == Acme ? e with { Aliases = ["Acme Corporation", "ACME", "acme corp."] } : e)],
        };
        await store.ApplyAsync([batch], Ct);
        var expected = AliasesAsReadBefore(Acme);
        Assert.True(expected.Count >= 3, "the aliases should have been stored");

        var summary = (await store.GetEntitySummaryAsync(Acme, Ct))!;
        var node = Assert.Single((await store.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme }, Ct)).Paths).Nodes[1];
        var neighbour = Assert.Single(await store.GetNeighboursAsync(Alice, new PathFilter(), 10, Ct));

        Assert.Equal(expected, summary.Aliases);
        Assert.Equal(expected, node.Aliases);
        Assert.Equal(expected, neighbour.Entity.Aliases);
        Assert.Equal(AliasesAsReadBefore(Alice), (await store.GetEntitySummaryAsync(Alice, Ct))!.Aliases);
    }

    [Fact]
    public async Task RentAsync_AllSessionsInUse_WaitsUntilOneIsReturned()
    {
        using var pool = new ReadSessionPool(1, OpenMemorySession);
        var first = await pool.RentAsync(Ct);

        var second = pool.RentAsync(Ct).AsTask();
        await Task.Delay(50, Ct);
        Assert.False(second.IsCompleted);

        pool.Return(first, reusable: true);
        Assert.Same(first, await second.WaitAsync(Ct));
        Assert.Equal(1, pool.Opened);
        pool.Return(first, reusable: true);
    }

    [Fact]
    public async Task Return_NotReusable_ClosesTheSessionAndTheNextRentOpensAnother()
    {
        using var pool = new ReadSessionPool(1, OpenMemorySession);
        var failed = await pool.RentAsync(Ct);

        pool.Return(failed, reusable: false);
        var next = await pool.RentAsync(Ct);

        Assert.Equal(System.Data.ConnectionState.Closed, failed.Connection.State);
        Assert.NotSame(failed, next);
        Assert.Equal(1, pool.Opened);
        pool.Return(next, reusable: true);
    }

    [Fact]
    public async Task Dispose_SessionInUse_ClosesItWhenItComesBack()
    {
        var pool = new ReadSessionPool(2, OpenMemorySession);
        var idle = await pool.RentAsync(Ct);
        var busy = await pool.RentAsync(Ct);
        pool.Return(idle, reusable: true);

        pool.Dispose();
        Assert.Equal(System.Data.ConnectionState.Closed, idle.Connection.State);
        Assert.Equal(System.Data.ConnectionState.Open, busy.Connection.State);
        pool.Return(busy, reusable: true);

        Assert.Equal(System.Data.ConnectionState.Closed, busy.Connection.State);
        Assert.Equal(0, pool.Opened);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.RentAsync(Ct));
    }

    // aliases-by-ids.sql, which the entity reads ran as a second statement before
    private List<string> AliasesAsReadBefore(string entityId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Files.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN (SELECT value FROM json_each($ids)) ORDER BY entity_id, alias;";
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(new[] { entityId }));
        using var reader = command.ExecuteReader();
        var aliases = new List<string>();
        while (reader.Read())
        {
            aliases.Add(reader.GetString(1));
        }

        return aliases;
    }

    private static Action<RelationGraph.Storage.Sqlite.SqliteStoreOptions> Uncached(int readConnections) => o =>
    {
        o.CachedEntities = 0;
        o.CachedFacts = 0;
        o.ReadConnections = readConnections;
    };

    private static ReadSession OpenMemorySession()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return new ReadSession(connection);
    }

    // the elapsed time differs between calls; the paths are what must match
    private static string Json(PathResult result) => JsonSerializer.Serialize(result.Paths);
}
