using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>
/// A hop's best evidence is read without joining the documents table, the quoted documents' titles and sources
/// coming from memory: the quotes, their order and their documents must be what the join returned.
/// </summary>
public sealed class PathEvidenceReadTests : SqliteStoreTestBase
{
    // top-evidence-by-fact.sql as it was with the join, the reference the new read must match
    private const string JoinedTopEvidence = """
        SELECT id, fact_key, doc_id, title, source_uri, start, "end", quote, citations, extractor, confidence
        FROM (
            SELECT e.id, e.fact_key, e.doc_id, d.title, d.source_uri, e.start, e."end", e.quote, e.citations, e.extractor, e.confidence,
                   row_number() OVER (PARTITION BY e.fact_key ORDER BY e.confidence DESC, e.doc_id, e.start, e.id) AS rank
            FROM evidence e
            JOIN documents d ON d.id = e.doc_id
            WHERE e.fact_key IN (SELECT value FROM json_each($keys))
        )
        WHERE rank <= $per_fact
        ORDER BY fact_key, rank;
        """;

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(5, true)]
    [InlineData(3, false)]
    public async Task FindPathsAsync_FactsQuotedByManyDocuments_ReturnTheEvidenceTheDocumentsJoinReturned(int evidencePerHop, bool cached)
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), o =>
        {
            if (!cached)
            {
                (o.CachedEntities, o.CachedFacts, o.CachedDocuments) = (0, 0, 0);
            }
        });
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument(), ManyQuotesDocument(), Untitled()], Ct);
        var request = new PathRequest { FromId = Alice, ToId = Ministry, MaxHops = 4, EvidencePerHop = evidencePerHop };

        for (var round = 0; round < 3; round++)
        {
            var path = Assert.Single((await store.FindPathsAsync(request, Ct)).Paths);
            foreach (var hop in path.Hops)
            {
                Assert.Equal(Reference(hop.Fact.FactKey, evidencePerHop), hop.Evidence.Select(Describe));
            }

            Assert.Equal(Math.Min(evidencePerHop, 5), path.Hops[0].Evidence.Count);
        }

        Assert.InRange(store.DetailCache.Documents.Count, cached ? 3 : 0, cached ? 4 : 0);
    }

    [Fact]
    public async Task FindPathsAsync_QuotedDocumentRetitledByAReingest_ShowsTheNewTitle()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var request = new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 5 };
        await store.FindPathsAsync(request, Ct);
        var before = Titles(await store.FindPathsAsync(request, Ct));
        Assert.Contains("Title of docs/bob.txt", before);
        Assert.Equal(2, store.DetailCache.Documents.Count);

        var bob = TestData.Batch("docs/bob.txt", "Alice Able, an Acme Corp engineer, declined to comment again.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able, an Acme Corp engineer"));
        await store.ApplyAsync([bob with { Document = bob.Document with { Title = "Interview notes, second edition" } }], Ct);

        var after = Titles(await store.FindPathsAsync(request, Ct));
        Assert.Equal(["Interview notes, second edition", "Title of docs/acme.txt"], after.Order(StringComparer.Ordinal));
        Assert.Equal(after, Titles(await store.FindPathsAsync(request, Ct)));
    }

    [Fact]
    public async Task FindPathsAsync_ReingestCommitsWhileDocumentLabelsAreRead_DoesNotKeepTheOldTitle()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var request = new PathRequest { FromId = Alice, ToId = Acme };
        var (slowRead, resume) = await StartPausedPathReadAsync(store, request);
        var acme = TestData.AcmeDocument(TestData.AcmeText + " Nobody else commented.");
        await store.ApplyAsync([acme with { Document = acme.Document with { Title = "Acme, revised" } }], Ct);
        resume();

        Assert.Equal(["Title of docs/acme.txt"], Titles(await slowRead));
        Assert.False(store.DetailCache.Documents.TryGet(acme.Document.Id, out _));
        Assert.Equal(["Acme, revised"], Titles(await store.FindPathsAsync(request, Ct)));
    }

    // with Acme's and Bob's, five quotes of Alice → Acme at the same confidence, so the order falls to document, position and id
    private static DocumentGraph ManyQuotesDocument()
    {
        const string Text = "Alice Able joined Acme Corp in 2019. Alice Able is paid by Acme Corp. Alice Able represents Acme Corp abroad.";
        return TestData.Batch("docs/many.txt", Text,
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able joined Acme Corp"),
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able is paid by Acme Corp"),
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able represents Acme Corp"));
    }

    private static DocumentGraph Untitled()
    {
        var batch = TestData.Batch("docs/untitled.txt", "The Ministry of Works awarded the road contract.",
            ("Ministry road contract (2024)", EntityKind.Contract, RelationType.AwardedBy, "Ministry of Works", EntityKind.Organisation, "Ministry of Works awarded the road contract"));
        return batch with { Document = batch.Document with { Title = null } };
    }

    private List<string> Reference(string factKey, int perFact)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Files.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = JoinedTopEvidence;
        command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(new[] { factKey }));
        command.Parameters.AddWithValue("$per_fact", perFact);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    // the columns of the reference query, formatted alike
    private static string Describe(EvidenceView e) => string.Join(" | ",
        e.Id, e.FactKey, e.DocumentId, e.DocumentTitle ?? "null", e.SourceUri, e.Start, e.End, e.Quote,
        JsonSerializer.Serialize(e.Citations), e.Extractor, e.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static List<string> Titles(PathResult result) =>
        [.. result.Paths.SelectMany(p => p.Hops).SelectMany(h => h.Evidence).Select(e => e.DocumentTitle ?? "null")];
}
