using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Sqlite;

public sealed class SqliteGraphStoreContractTests : GraphStoreContractTests, IAsyncDisposable
{
    private readonly SqliteTestFiles _files = new();

    protected override async Task<IGraphStore> CreateEmptyStoreAsync() =>
        await _files.OpenInitializedAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestData.Epoch));

    // The document's transaction throws just before its commit, every time it is written, until undone.
    protected override Action FailCommitOf(IGraphStore store, string documentId)
    {
        var sqlite = (SqliteGraphStore)store;
        sqlite.BeforeCommit = batch =>
        {
            if (batch.Document.Id == documentId)
            {
                throw new InvalidOperationException("injected failure at commit");
            }
        };
        return () => sqlite.BeforeCommit = null;
    }

    public ValueTask DisposeAsync() => _files.DisposeAsync();
}
