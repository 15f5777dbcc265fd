using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage.Sqlite;

public sealed class SqliteGraphStoreContractTests : GraphStoreContractTests, IAsyncDisposable
{
    private readonly SqliteTestFiles _files = new();

    protected override async Task<IGraphStore> CreateEmptyStoreAsync() =>
        await _files.OpenInitializedAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestData.Epoch));

    public ValueTask DisposeAsync() => _files.DisposeAsync();
}
