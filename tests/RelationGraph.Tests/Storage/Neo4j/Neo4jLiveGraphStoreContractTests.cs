using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// The store contract against a real Neo4j: runs when NEO4J_URL is set (e.g. http://localhost:7474 after
/// <c>docker compose up neo4j</c>; NEO4J_USER, NEO4J_PASSWORD), reports itself skipped otherwise.
/// It empties the database before each test: point it at a throwaway server only.
/// </summary>
public sealed class Neo4jLiveGraphStoreContractTests : GraphStoreContractTests, IDisposable
{
    private readonly List<Neo4jTestStore> _stores = [];

    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        var url = Environment.GetEnvironmentVariable("NEO4J_URL");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(url),
            "NEO4J_URL is not set: run `docker compose up neo4j` and set NEO4J_URL=http://localhost:7474 (and NEO4J_USER, NEO4J_PASSWORD) to run the live Neo4j suite.");
        var store = Neo4jTestStore.OnServer(url!, Environment.GetEnvironmentVariable("NEO4J_USER") ?? "neo4j", Environment.GetEnvironmentVariable("NEO4J_PASSWORD") ?? "");
        _stores.Add(store);
        var ct = TestContext.Current.CancellationToken;
        await store.Store.InitializeAsync(ct);
        await store.Store.DeleteAllAsync(ct);
        return store.Port;
    }

    protected override Action FailCommitOf(IGraphStore store, string documentId)
    {
        Assert.Skip("A live Neo4j server cannot be made to refuse one commit; the fake-backed suite covers it.");
        return null!;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }
}
