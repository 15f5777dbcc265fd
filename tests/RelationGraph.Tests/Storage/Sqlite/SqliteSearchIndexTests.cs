using Microsoft.Data.Sqlite;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>
/// The search keys (entity_search) and their trigram index (entity_search_fts) stay exactly what the entities, aliases and
/// identity keys say, on every write path and for files from before them.
/// </summary>
public sealed class SqliteSearchIndexTests : SqliteStoreTestBase
{
    private static readonly string Redfern = TestData.Id(EntityKind.Person, "Dr. Bethany R. Redfern");

    // a titled, initialled person, and Acme under another name
    private static DocumentGraph Aliased()
    {
        var batch = TestData.Batch("docs/aliased.txt", "Dr. Bethany R. Redfern funds Acme Corp.",
            ("Dr. Bethany R. Redfern", EntityKind.Person, RelationType.Funds, "Acme Corp", EntityKind.Organisation, "Dr. Bethany R. Redfern funds Acme Corp"));
        return batch with { Entities = [.. batch.Entities.Select(e => e.Kind == EntityKind.Organisation ? e with { Aliases = ["ACME Corporation"] } : e)] };
    }

    [Fact]
    public async Task ApplyAsync_NewChangedAndRemovedDocuments_KeysAndTrigramIndexFollowEveryEntityAliasAndLooseName()
    {
        var store = await Files.OpenInitializedAsync();

        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument(), Aliased()], Ct);
        AssertInStep();
        Assert.Contains("acme corporation", SearchKeys(Acme));
        Assert.Equal(["bethany redfern", "dr bethany r redfern"], SearchKeys(Redfern));

        // the general path: a changed document drops the contract and the ministry
        await store.ApplyAsync([TestData.Batch("docs/acme.txt", "Alice Able works for Acme Corp, it says.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"))], Ct);
        AssertInStep();
        Assert.Empty(SearchKeys(Ministry));
        Assert.Empty(await store.SearchEntitiesAsync(new EntitySearch("istry of wor"), Ct));

        // Redfern goes with the document; Acme stays, and its aliases with it
        await store.RemoveDocumentAsync(Aliased().Document.Id, Ct);
        AssertInStep();
        Assert.Empty(SearchKeys(Redfern));
        Assert.Empty(await store.SearchEntitiesAsync(new EntitySearch("thany r"), Ct));
        Assert.Equal([Acme], (await store.SearchEntitiesAsync(new EntitySearch("orporation"), Ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task BulkLoad_IntoAnEmptyStore_SearchesInsideNamesMidLoadAndKeepsTheIndexInStep()
    {
        var store = await Files.OpenInitializedAsync();
        Assert.True(await store.TryBeginBulkLoadAsync(Ct));

        await store.ApplyAsync([TestData.AcmeDocument(), Aliased()], Ct);
        Assert.Equal([Ministry], (await store.SearchEntitiesAsync(new EntitySearch("istry of wor"), Ct)).Select(e => e.Id));
        await store.EndBulkLoadAsync(Ct);

        AssertInStep();
        Assert.Contains("ix_entity_search_loose", SqliteFile.Strings(Files.DatabasePath, "SELECT name FROM sqlite_schema WHERE type = 'index';"));
        Assert.Equal([Ministry], (await store.SearchEntitiesAsync(new EntitySearch("istry of wor"), Ct)).Select(e => e.Id));
    }

    [Fact]
    public async Task InitializeAsync_FileFromBeforeTheSearchIndexAndIdentityKeys_IndexesEveryNameOnce()
    {
        var store = await Files.OpenInitializedAsync();
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument(), Aliased()], Ct);
        var written = AllSearchKeys();
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        // what a file of the release before both looks like: no search tables or triggers, no identity keys
        Execute("DROP TRIGGER entities_search_delete; DROP TABLE entity_search_fts; DROP TABLE entity_search; DELETE FROM entity_keys;");

        var reopened = await Files.OpenInitializedAsync();

        Assert.Equal(written, AllSearchKeys());
        AssertInStep();
        Assert.Equal([Ministry], (await reopened.SearchEntitiesAsync(new EntitySearch("istry of wor"), Ct)).Select(e => e.Id));
        Assert.Equal([Redfern], (await reopened.FindByNameAsync("Bethany Redfern", Ct)).Select(e => e.Id));
    }

    // The keys are exactly each entity's name key, alias keys and "n:" identity keys without the prefix, and the trigram
    // index agrees with them (FTS5's own check against its content table).
    private void AssertInStep()
    {
        Assert.Empty(SqliteFile.Strings(Files.DatabasePath, """
            WITH expected (entity_id, key) AS (
                SELECT id, name_key FROM entities
                UNION SELECT entity_id, alias_key FROM entity_aliases
                UNION SELECT entity_id, substr(key, 3) FROM entity_keys WHERE key GLOB 'n:*')
            SELECT 'missing ' || entity_id || ' ' || key FROM (SELECT * FROM expected EXCEPT SELECT entity_id, key FROM entity_search)
            UNION ALL
            SELECT 'extra ' || entity_id || ' ' || key FROM (SELECT entity_id, key FROM entity_search EXCEPT SELECT * FROM expected);
            """));
        Execute("INSERT INTO entity_search_fts (entity_search_fts, rank) VALUES ('integrity-check', 1);");
    }

    private List<string> SearchKeys(string entityId) =>
        SqliteFile.Strings(Files.DatabasePath, "SELECT key FROM entity_search WHERE entity_id = $id ORDER BY key;", ("$id", entityId));

    private List<string> AllSearchKeys() =>
        SqliteFile.Strings(Files.DatabasePath, "SELECT entity_id || ' ' || key FROM entity_search ORDER BY entity_id, key;");

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Files.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
