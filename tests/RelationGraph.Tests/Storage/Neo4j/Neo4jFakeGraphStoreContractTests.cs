using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>The store contract on the Neo4j adapter, end to end through HTTP against the strict Query API fake.</summary>
public sealed class Neo4jFakeGraphStoreContractTests : GraphStoreContractTests, IDisposable
{
    private readonly List<Neo4jTestStore> _stores = [];
    private readonly Dictionary<IGraphStore, FakeQueryApi> _fakes = new(ReferenceEqualityComparer.Instance);

    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        var fake = new FakeQueryApi();
        var store = Neo4jTestStore.OnFake(fake);
        _stores.Add(store);
        _fakes[store.Port] = fake;
        await store.Port.InitializeAsync(TestContext.Current.CancellationToken);
        return store.Port;
    }

    // Neo4j refuses the commit of the transaction that writes the document, as it does a constraint broken at commit.
    protected override Action FailCommitOf(IGraphStore store, string documentId)
    {
        var transactionPath = "";
        _fakes[store].Inject(new FakeFault.Error("Neo.ClientError.Schema.ConstraintValidationFailed", "injected failure at commit"), request =>
        {
            if (request.Kind == FakeRequestKind.Run && request.Parameters.TryGetValue("docId", out var id) && documentId.Equals(id))
            {
                transactionPath = request.Path;
            }

            return request.Kind == FakeRequestKind.Commit && request.Path == transactionPath + "/commit";
        });
        return () => { }; // the fault is used up by the one commit it fails
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }
}
