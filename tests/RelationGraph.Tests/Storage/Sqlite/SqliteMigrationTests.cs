using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Identity;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Model;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>A database file written by an earlier layout is converted when the store opens it, and loses nothing.</summary>
public sealed class SqliteMigrationTests : SqliteStoreTestBase
{
    [Theory]
    [InlineData("schema-with-mentions-table.sql")] // mentions and evidence clustered by document, mentions in a table
    [InlineData("schema-first-release.sql")] // mentions and evidence keyed by their own id
    public async Task InitializeAsync_FileWithTheOldMentionsTable_MovesEveryMentionIntoItsDocumentAndKeepsTheGraph(string oldSchema)
    {
        var current = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await current.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument(), Repeated()], Ct);

        // the same rows, written in the layout of a file from before the change
        await using var oldFiles = new SqliteTestFiles();
        WriteOldLayoutCopy(oldSchema, Files.DatabasePath, oldFiles.DatabasePath);
        Assert.Equal("table", SchemaType(oldFiles.DatabasePath, "mentions"));

        var migrated = await oldFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));

        Assert.Equal("view", SchemaType(oldFiles.DatabasePath, "mentions"));
        Assert.Equal(await ExportAsync(current), await ExportAsync(migrated));
        Assert.Equal(await current.CountAsync(Ct), await migrated.CountAsync(Ct));
        Assert.Equal(current.Index.DescribeAdjacency(), migrated.Index.DescribeAdjacency());
        Assert.Equal(EntityDocuments(Files.DatabasePath), EntityDocuments(oldFiles.DatabasePath));

        // and it writes on as a new file does: a changed document recounts its entities from the moved rows
        var edited = TestData.AcmeDocument(TestData.AcmeText + " Nothing more.");
        Assert.Equal(await current.ApplyAsync([edited], Ct), await migrated.ApplyAsync([edited], Ct));
        Assert.Equal(await ExportAsync(current), await ExportAsync(migrated));
        Assert.Equal(current.Index.DescribeAdjacency(), migrated.Index.DescribeAdjacency());

        // and removes a document as a new file does
        var bob = TestData.BobDocument().Document.Id;
        Assert.Equal(await current.RemoveDocumentAsync(bob, Ct), await migrated.RemoveDocumentAsync(bob, Ct));
        Assert.Equal(await ExportAsync(current), await ExportAsync(migrated));
        Assert.Equal(current.Index.DescribeAdjacency(), migrated.Index.DescribeAdjacency());
    }

    [Fact]
    public async Task InitializeAsync_FileFromBeforeIdentityKeys_IndexesEveryNameOnce()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        await store.DisposeAsync();
        using (var connection = new SqliteConnection("Data Source=" + Files.DatabasePath + ";Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM entity_keys;";
            command.ExecuteNonQuery();
        }

        var reopened = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));

        var found = await reopened.FindIdentityCandidatesAsync([IdentityKeys.Name("alice able"), IdentityKeys.Family("baker")], Ct);
        Assert.Equal([TestData.AliceId, TestData.BobId], found.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InitializeAsync_FileFromBeforeTheIndexLogSize_SumsTheLogOnceAndEveryWriteKeepsTheSum()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        await store.ApplyAsync([TestData.BobDocument()], Ct);
        await store.DisposeAsync();
        using (var connection = new SqliteConnection("Data Source=" + Files.DatabasePath + ";Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER index_log_size_insert; DROP TRIGGER index_log_size_delete; DROP TABLE index_log_size;";
            command.ExecuteNonQuery();
        }

        var reopened = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var summed = LogSizes();
        await reopened.ApplyAsync([TestData.AcmeDocument(TestData.AcmeText + " Nothing more.")], Ct);
        await reopened.RemoveDocumentAsync(TestData.BobDocument().Document.Id, Ct);

        Assert.True(summed.Log > 0);
        Assert.Equal(summed.Log, summed.Kept);
        var written = LogSizes();
        Assert.True(written.Log > summed.Log);
        Assert.Equal(written.Log, written.Kept);
    }

    private (long Log, long Kept) LogSizes() =>
        (long.Parse(SqliteFile.Strings(Files.DatabasePath, "SELECT sum(bytes) FROM index_log;").Single(), System.Globalization.CultureInfo.InvariantCulture),
         long.Parse(SqliteFile.Strings(Files.DatabasePath, "SELECT bytes FROM index_log_size;").Single(), System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("schema-with-mentions-table.sql")]
    [InlineData("schema-first-release.sql")]
    public async Task InitializeAsync_FileFromBeforeJudgements_GainsTheJudgementsTableThatKeepsThem(string oldSchema)
    {
        var current = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await current.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        await using var oldFiles = new SqliteTestFiles();
        WriteOldLayoutCopy(oldSchema, Files.DatabasePath, oldFiles.DatabasePath);
        Assert.Null(SchemaType(oldFiles.DatabasePath, "judgements"));
        var judgement = IdentityJudgement.Create(JudgementKind.Merge, new JudgedEntity(TestData.BobId, EntityKind.Person, "Bob Baker"),
            new JudgedEntity(TestData.AliceId, EntityKind.Person, "Alice Able"), [], "analyst", TestData.Epoch, "one person");

        var migrated = await oldFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        Assert.True(await migrated.AddJudgementAsync(judgement, Ct));
        await migrated.DisposeAsync();
        var reopened = await oldFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));

        Assert.Equal("table", SchemaType(oldFiles.DatabasePath, "judgements"));
        Assert.Equal([judgement.Id], (await reopened.ListJudgementsAsync(Ct)).Select(j => j.Id));
        Assert.Equal(await current.CountAsync(Ct), await reopened.CountAsync(Ct));
    }

    // a document naming one entity twice and another once: its (entity, document) rows count 2 and 1
    private static DocumentGraph Repeated() => TestData.Batch("docs/repeated.txt", "Bob Baker funds Acme Corp. Bob Baker funds Acme Corp again.",
        ("Bob Baker", EntityKind.Person, RelationType.Funds, "Acme Corp", EntityKind.Organisation, "Bob Baker funds Acme Corp"));

    private static void WriteOldLayoutCopy(string oldSchema, string currentPath, string oldPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(oldPath)!);
        using var connection = new SqliteConnection($"Data Source={oldPath};Pooling=False");
        connection.Open();
        using var schema = typeof(SqliteMigrationTests).Assembly.GetManifestResourceStream(oldSchema)!;
        Execute(connection, new StreamReader(schema).ReadToEnd());
        Execute(connection, "ATTACH DATABASE $path AS current;", ("$path", currentPath));
        Execute(connection, """
            INSERT INTO documents SELECT id, source_uri, title, publisher, author, published_at, media_type, text, content_hash,
                extractor_version, ingested_at, reported_at FROM current.documents;
            INSERT INTO entities SELECT * FROM current.entities;
            INSERT INTO entity_aliases SELECT * FROM current.entity_aliases;
            INSERT INTO facts SELECT * FROM current.facts;
            INSERT INTO evidence (id, fact_key, doc_id, start, "end", quote, citations, extractor, confidence)
                SELECT id, fact_key, doc_id, start, "end", quote, citations, extractor, confidence FROM current.evidence;
            INSERT INTO mentions (doc_id, id, entity_id, start, "end", text, sentence_index)
                SELECT doc_id, id, entity_id, start, "end", text, sentence_index FROM current.mentions;
            """);
        Execute(connection, "DETACH DATABASE current;");
    }

    private static async Task<List<string>> ExportAsync(SqliteGraphStore store)
    {
        var items = new List<string>();
        await foreach (var item in store.ExportAsync(Ct))
        {
            items.Add(JsonSerializer.Serialize(item));
        }

        Assert.Contains(items, i => i.Contains("\"Mention\":{", StringComparison.Ordinal));
        return items;
    }

    private static List<string> EntityDocuments(string path) =>
        SqliteFile.Strings(path, "SELECT entity_id || ' ' || doc_id || ' ' || mention_count FROM entity_documents ORDER BY entity_id, doc_id;");

    private static string? SchemaType(string path, string name) =>
        SqliteFile.Strings(path, "SELECT type FROM sqlite_schema WHERE name = $name;", ("$name", name)).SingleOrDefault();

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
