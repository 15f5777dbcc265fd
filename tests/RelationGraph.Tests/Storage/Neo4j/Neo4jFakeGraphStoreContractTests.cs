using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>The store contract on the Neo4j adapter, end to end through HTTP against the strict Query API fake.</summary>
public sealed class Neo4jFakeGraphStoreContractTests : GraphStoreContractTests, IDisposable
{
    private readonly List<Neo4jTestStore> _stores = [];

    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        var store = Neo4jTestStore.OnFake(new FakeQueryApi());
        _stores.Add(store);
        await store.Port.InitializeAsync(TestContext.Current.CancellationToken);
        return store.Port;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }
}
