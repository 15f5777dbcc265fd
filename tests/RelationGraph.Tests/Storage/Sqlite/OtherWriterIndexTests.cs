using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>
/// The path index and detail cache of a store follow commits that another store on the same file makes (to SQLite a
/// second store is what a second process is: its own connections; <c>OtherWriterApiTests</c> runs a real one).
/// </summary>
public sealed class OtherWriterIndexTests : SqliteStoreTestBase
{
    [Fact]
    public async Task FindPathsAsync_AnotherStoreAddsThenRemovesADocument_PathsAndQuotesFollowWithoutRestart()
    {
        var reader = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var writer = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await reader.ApplyAsync([TestData.AcmeDocument()], Ct);
        var bobToMinistry = new PathRequest { FromId = Bob, ToId = Ministry, MaxHops = 4 };
        Assert.Empty((await reader.FindPathsAsync(bobToMinistry, Ct)).Paths);

        await writer.ApplyAsync([TestData.BobDocument()], Ct);
        var added = await reader.FindPathsAsync(bobToMinistry, Ct);
        // read twice, so the hop's details are in the cache when the document goes
        await reader.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 5 }, Ct);
        var aliceAcmeQuotes = Quotes(await reader.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 5 }, Ct));
        await writer.RemoveDocumentAsync(TestData.BobDocument().Document.Id, Ct);
        var removed = await reader.FindPathsAsync(bobToMinistry, Ct);
        var aliceAcmeQuotesAfter = Quotes(await reader.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 5 }, Ct));

        Assert.Equal([Bob, Alice, Acme, TestData.Id(EntityKind.Contract, "Ministry road contract (2024)"), Ministry],
            Assert.Single(added.Paths).Nodes.Select(n => n.Id));
        Assert.Contains("Alice Able, an Acme Corp engineer", aliceAcmeQuotes);
        Assert.Empty(removed.Paths);
        Assert.Equal(["Alice Able works for Acme Corp"], aliceAcmeQuotesAfter);
        Assert.Equal((await reader.BuildIndexAsync(Ct)).DescribeAdjacency(), reader.Index.DescribeAdjacency());
        Assert.Equal(0, reader.IndexRebuilds);
    }

    [Fact]
    public async Task ApplyAsync_AfterAnotherStoresCommit_IndexHoldsBothWritesAsARebuildWould()
    {
        var first = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var second = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));

        await second.ApplyAsync([TestData.BobDocument()], Ct);
        await first.ApplyAsync([TestData.AcmeDocument()], Ct);

        Assert.Equal((await first.BuildIndexAsync(Ct)).DescribeAdjacency(), first.Index.DescribeAdjacency());
        Assert.Contains(first.Index.DescribeAdjacency(), line => line.StartsWith(Bob, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("DELETE FROM index_log WHERE seq < (SELECT max(seq) FROM index_log)")] // pruned past what the reader last read
    [InlineData("INSERT INTO index_log (bytes, entity_ids, fact_keys, doc_ids) VALUES (0, NULL, NULL, NULL)")] // a commit too large to list
    public async Task FindPathsAsync_OtherWritersChangesNotListed_RebuildsTheIndex(string sql)
    {
        var reader = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var writer = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await writer.ApplyAsync([TestData.AcmeDocument()], Ct);
        await writer.ApplyAsync([TestData.BobDocument()], Ct);
        using (var connection = new SqliteConnection($"Data Source={Files.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        var result = await reader.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Ministry, MaxHops = 4 }, Ct);

        Assert.Single(result.Paths);
        Assert.Equal(1, reader.IndexRebuilds);
        Assert.Equal((await reader.BuildIndexAsync(Ct)).DescribeAdjacency(), reader.Index.DescribeAdjacency());
    }

    [Fact]
    public async Task ApplyAsync_EachCommitThatChangesTheGraph_LogsOneEntryNamingWhatItTouched()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));

        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        await store.ApplyAsync([TestData.AcmeDocument()], Ct); // unchanged: nothing to log
        await store.ApplyAsync([TestData.BobDocument()], Ct);
        await store.RemoveDocumentAsync(TestData.BobDocument().Document.Id, Ct);

        Assert.Equal(["1", "2", "3"], SqliteFile.Strings(Files.DatabasePath, "SELECT CAST(seq AS TEXT) FROM index_log ORDER BY seq"));
        Assert.Equal([TestData.BobDocument().Document.Id], SqliteFile.Strings(Files.DatabasePath, "SELECT value FROM index_log, json_each(doc_ids) WHERE seq = 3"));
    }

    [Fact]
    public async Task ApplyAsync_LogOverItsByteCap_PrunesTheOldestButNeverTheNewest()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        using (var connection = new SqliteConnection($"Data Source={Files.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // a row as large as the cap, as a huge batch would leave
            command.CommandText = "INSERT INTO index_log (bytes, entity_ids, fact_keys, doc_ids) VALUES ($bytes, '[]', '[]', '[]')";
            command.Parameters.AddWithValue("$bytes", 64L << 20);
            command.ExecuteNonQuery();
        }

        await store.ApplyAsync([TestData.BobDocument()], Ct);

        Assert.Equal(["3"], SqliteFile.Strings(Files.DatabasePath, "SELECT CAST(seq AS TEXT) FROM index_log ORDER BY seq"));
    }

    private static List<string> Quotes(PathResult result) =>
        [.. result.Paths.SelectMany(p => p.Hops).SelectMany(h => h.Evidence).Select(e => e.Quote).Order(StringComparer.Ordinal)];
}
