using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>
/// The write path: a batch is one transaction, and entity and fact totals are kept up to date incrementally;
/// these tests count the totals again from the stored mention and evidence rows and demand the same numbers.
/// </summary>
public sealed class SqliteWritePathTests : SqliteStoreTestBase
{
    [Fact]
    public async Task ApplyAsync_NewChangedAndRepeatedDocuments_TotalsEqualACountFromTheRows()
    {
        var clock = new FakeTimeProvider(TestData.Epoch);
        var store = await Files.OpenInitializedAsync(clock);

        await store.ApplyAsync([Dated(TestData.AcmeDocument(), 2021), TestData.BobDocument()], Ct);
        clock.Advance(TimeSpan.FromDays(1));
        await store.ApplyAsync([Dated(Third(), 2019), Dated(Fourth(), 2023)], Ct);
        await AssertTotalsMatchTheRowsAsync();

        // a changed document takes mentions and evidence away; an unchanged one changes nothing
        clock.Advance(TimeSpan.FromDays(1));
        await store.ApplyAsync([Dated(TestData.AcmeDocument(TestData.AcmeText + " Nothing more."), 2022), Dated(Third(), 2019)], Ct);
        await store.ApplyAsync([Dated(TestData.Batch("docs/third.txt", "Acme Corp hired a driver. Carol Cole funds Acme Corp.",
            ("Carol Cole", EntityKind.Person, RelationType.Funds, "Acme Corp", EntityKind.Organisation, "Carol Cole funds Acme Corp")), 2019)], Ct);
        await AssertTotalsMatchTheRowsAsync();
        await store.ApplyAsync([Dated(Fifth(), 2018)], Ct);

        var totals = await AssertTotalsMatchTheRowsAsync();
        var acme = totals.Entities[TestData.Id(EntityKind.Organisation, "Acme Corp")];
        Assert.Equal(5, acme.DocCount);
        Assert.Equal("2018-01-01T00:00:00.0000000+00:00", acme.FirstSeen);
    }

    [Fact]
    public async Task ApplyAsync_LaterDocumentsWithBetterWorseAndTiedEvidence_SampleQuoteIsAlwaysTheBestOfAllEvidence()
    {
        // one fact, said by each document with its own words and confidence; the writer remembers the rank of the
        // samples it chose and compares instead of searching all evidence, so every comparison is exercised here:
        // better (replaces), worse (keeps), tied on confidence (document id decides, whichever arrives first)
        var first = Says("docs/a.txt", "Carol Cole funds Acme Corp", 0.6);
        var better = Says("docs/b.txt", "Carol Cole bankrolls Acme Corp", 0.9);
        var worse = Says("docs/c.txt", "Carol Cole may fund Acme Corp", 0.5);
        var tiedOne = Says("docs/d.txt", "Carol Cole pays for Acme Corp", 0.95);
        var tiedOther = Says("docs/e.txt", "Carol Cole finances Acme Corp", 0.95);
        var (tiedFirst, tiedSecond) = string.CompareOrdinal(tiedOne.Document.Id, tiedOther.Document.Id) < 0 ? (tiedOne, tiedOther) : (tiedOther, tiedOne);
        var factKey = Assert.Single(first.Facts).FactKey;

        foreach (var order in new[] { new[] { first, better, worse, tiedSecond, tiedFirst }, [first, better, worse, tiedFirst, tiedSecond] })
        {
            var expected = new[] { "Carol Cole funds Acme Corp", "Carol Cole bankrolls Acme Corp", "Carol Cole bankrolls Acme Corp", order[3].Evidence[0].Quote, tiedFirst.Evidence[0].Quote };
            await using var files = new SqliteTestFiles();
            var oneCallEach = await files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
            for (var i = 0; i < order.Length; i++)
            {
                await oneCallEach.ApplyAsync([order[i]], Ct);
                Assert.Equal(expected[i], SampleQuote(files.DatabasePath, factKey));
            }

            await AssertTotalsMatchTheRowsAsync(files.DatabasePath);

            await using var otherFiles = new SqliteTestFiles();
            var oneCall = await otherFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
            await oneCall.ApplyAsync(order, Ct);
            Assert.Equal(tiedFirst.Evidence[0].Quote, SampleQuote(otherFiles.DatabasePath, factKey));
            Assert.Equal(DumpRows(files.DatabasePath), DumpRows(otherFiles.DatabasePath));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApplyAsync_SampleDocumentChangedToWeakerEvidence_LaterDocumentsCompareWithWhatRemains(bool changedByAnotherStore)
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var strong = Says("docs/strong.txt", "Carol Cole bankrolls Acme Corp", 0.9);
        var factKey = Assert.Single(strong.Facts).FactKey;
        await store.ApplyAsync([strong], Ct);

        // the document the sample came from now says it weakly (a changed document: evidence deleted and recounted),
        // here or in another relgraph process on the same file
        var changer = changedByAnotherStore ? await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch)) : store;
        await changer.ApplyAsync([Says("docs/strong.txt", "Carol Cole may fund Acme Corp", 0.3)], Ct);
        Assert.Equal("Carol Cole may fund Acme Corp", SampleQuote(Files.DatabasePath, factKey));

        // 0.5 beats what remains (0.3), though not the sample the writer chose before the change (0.9)
        await store.ApplyAsync([Says("docs/medium.txt", "Carol Cole funds Acme Corp", 0.5)], Ct);
        Assert.Equal("Carol Cole funds Acme Corp", SampleQuote(Files.DatabasePath, factKey));
        await AssertTotalsMatchTheRowsAsync();
    }

    [Fact]
    public async Task RemoveDocumentAsync_EachDocumentOfAStore_LeavesExactlyTheGraphTheOthersGiveAlone()
    {
        DocumentGraph[] documents = [Dated(TestData.AcmeDocument(), 2021), TestData.BobDocument(), Dated(Third(), 2019), Dated(Fourth(), 2023), Dated(Fifth(), 2018)];
        foreach (var removed in documents)
        {
            await using var files = new SqliteTestFiles();
            var store = await files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
            await store.ApplyAsync(documents, Ct);
            var evidence = (await store.CountAsync(Ct)).Evidence;

            var result = await store.RemoveDocumentAsync(removed.Document.Id, Ct);

            await using var otherFiles = new SqliteTestFiles();
            var others = await otherFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
            await others.ApplyAsync([.. documents.Where(d => d != removed)], Ct);
            Assert.NotNull(result);
            Assert.Equal(ApplyOutcome.Removed, result.Outcome);
            Assert.Equal(evidence - (await store.CountAsync(Ct)).Evidence, result.Evidence.Removed);
            Assert.Equal(await others.CountAsync(Ct), await store.CountAsync(Ct));
            // aliases are not kept per document: a name the removed document gave a surviving entity stays its alias
            Assert.Equal(DumpRows(otherFiles.DatabasePath, roundReals: true).Where(r => !r.StartsWith("entity_aliases", StringComparison.Ordinal)),
                DumpRows(files.DatabasePath, roundReals: true).Where(r => !r.StartsWith("entity_aliases", StringComparison.Ordinal)));
            Assert.Equal(others.Index.DescribeAdjacency(), store.Index.DescribeAdjacency());
            Assert.Equal((await store.BuildIndexAsync(Ct)).DescribeAdjacency(), store.Index.DescribeAdjacency());
            Assert.Null(await store.GetDocumentStateAsync(removed.Document.Id, Ct));
            await AssertTotalsMatchTheRowsAsync(files.DatabasePath);
        }
    }

    [Fact]
    public async Task RemoveDocumentAsync_UnknownOrAlreadyRemoved_ReturnsNullAndChangesNothing()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        Assert.NotNull(await store.RemoveDocumentAsync(TestData.BobDocument().Document.Id, Ct));
        var rows = DumpRows(Files.DatabasePath);

        Assert.Null(await store.RemoveDocumentAsync(TestData.BobDocument().Document.Id, Ct));
        Assert.Null(await store.RemoveDocumentAsync(StableId.Document("docs/never.txt"), Ct));

        Assert.Equal(rows, DumpRows(Files.DatabasePath));
    }

    [Fact]
    public async Task RemoveDocumentAsync_DocumentHoldingTheSampleQuote_LaterDocumentsCompareWithWhatRemains()
    {
        // the writer remembers the rank of the samples it chose; removing the sample's document must forget it
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var strong = Says("docs/strong.txt", "Carol Cole bankrolls Acme Corp", 0.9);
        var factKey = Assert.Single(strong.Facts).FactKey;
        await store.ApplyAsync([strong, Says("docs/weak.txt", "Carol Cole may fund Acme Corp", 0.3)], Ct);

        await store.RemoveDocumentAsync(strong.Document.Id, Ct);
        Assert.Equal("Carol Cole may fund Acme Corp", SampleQuote(Files.DatabasePath, factKey));
        await store.ApplyAsync([Says("docs/medium.txt", "Carol Cole funds Acme Corp", 0.5)], Ct);

        Assert.Equal("Carol Cole funds Acme Corp", SampleQuote(Files.DatabasePath, factKey));
        await AssertTotalsMatchTheRowsAsync();
    }

    [Fact]
    public async Task BulkLoad_IntoAnEmptyStore_AnswersAlikeMidLoadAndEndsWithTheRowsAndIndexesOfANormalLoad()
    {
        DocumentGraph[] first = [Dated(TestData.AcmeDocument(), 2021), TestData.BobDocument(), Dated(Third(), 2019)];
        DocumentGraph[] second = [Dated(Fourth(), 2023), Dated(Fifth(), 2018)];
        await using var normalFiles = new SqliteTestFiles();
        var normal = await normalFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await normal.ApplyAsync(first, Ct);
        var bulk = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));

        Assert.True(await bulk.TryBeginBulkLoadAsync(Ct));
        Assert.Empty(IndexNames(Files.DatabasePath));
        await bulk.ApplyAsync(first, Ct);
        // without its indexes the store answers slower, never differently
        Assert.Equal(await AnswersAsync(normal), await AnswersAsync(bulk));
        await normal.ApplyAsync(second, Ct);
        await bulk.ApplyAsync(second, Ct);
        await bulk.EndBulkLoadAsync(Ct);

        Assert.Equal(IndexNames(normalFiles.DatabasePath), IndexNames(Files.DatabasePath));
        Assert.Equal(8, IndexNames(Files.DatabasePath).Count);
        Assert.Equal(DumpRows(normalFiles.DatabasePath), DumpRows(Files.DatabasePath));
        Assert.Equal(normal.Index.DescribeAdjacency(), bulk.Index.DescribeAdjacency());
        Assert.Equal(await AnswersAsync(normal), await AnswersAsync(bulk));
        await AssertTotalsMatchTheRowsAsync();
    }

    [Fact]
    public async Task BulkLoad_StoreHoldingDocuments_DoesNotStartAndKeepsItsIndexes()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var indexes = IndexNames(Files.DatabasePath);

        Assert.False(await store.TryBeginBulkLoadAsync(Ct));

        Assert.Equal(8, indexes.Count);
        Assert.Equal(indexes, IndexNames(Files.DatabasePath));
    }

    [Fact]
    public async Task BulkLoad_ChangedDocumentMidLoad_EndsTheLoadFirstAndGivesTheGraphOfANormalLoad()
    {
        var edited = Dated(TestData.AcmeDocument(TestData.AcmeText + " Nothing more."), 2022);
        DocumentGraph[] sequence = [Dated(TestData.AcmeDocument(), 2021), TestData.BobDocument(), Dated(Third(), 2019)];
        await using var normalFiles = new SqliteTestFiles();
        var normal = await normalFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await normal.ApplyAsync(sequence, Ct);
        await normal.ApplyAsync([edited], Ct);
        var bulk = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        Assert.True(await bulk.TryBeginBulkLoadAsync(Ct));
        await bulk.ApplyAsync(sequence, Ct);

        // a changed document takes the general path, which finds rows through the indexes: they are built first
        Assert.Equal(ApplyOutcome.Updated, Assert.Single(await bulk.ApplyAsync([edited], Ct)).Outcome);

        Assert.Equal(8, IndexNames(Files.DatabasePath).Count);
        await bulk.EndBulkLoadAsync(Ct);
        Assert.Equal(DumpRows(normalFiles.DatabasePath), DumpRows(Files.DatabasePath));
        Assert.Equal(normal.Index.DescribeAdjacency(), bulk.Index.DescribeAdjacency());
        await AssertTotalsMatchTheRowsAsync();
    }

    [Fact]
    public async Task BulkLoad_StoreClosedMidLoad_ReopeningBuildsTheIndexesAndLosesNothing()
    {
        DocumentGraph[] documents = [Dated(TestData.AcmeDocument(), 2021), TestData.BobDocument(), Dated(Third(), 2019)];
        await using var normalFiles = new SqliteTestFiles();
        var normal = await normalFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await normal.ApplyAsync(documents, Ct);
        await using (var bulk = Files.Open(new FakeTimeProvider(TestData.Epoch)))
        {
            await bulk.InitializeAsync(Ct);
            Assert.True(await bulk.TryBeginBulkLoadAsync(Ct));
            await bulk.ApplyAsync(documents, Ct);
        }

        // as a process killed mid-load leaves it (KillAndResumeTests kills a real bulk job)
        Assert.Empty(IndexNames(Files.DatabasePath));
        var reopened = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));

        Assert.Equal(8, IndexNames(Files.DatabasePath).Count);
        Assert.Equal(IndexNames(normalFiles.DatabasePath), IndexNames(Files.DatabasePath));
        Assert.Equal(DumpRows(normalFiles.DatabasePath), DumpRows(Files.DatabasePath));
        Assert.Equal(normal.Index.DescribeAdjacency(), reopened.Index.DescribeAdjacency());
        Assert.False(await reopened.TryBeginBulkLoadAsync(Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BulkLoad_AnotherStoreWritesTheFileMidLoad_IndexesAreBuiltAndTheGraphIsANormalLoads(bool changedDocument)
    {
        DocumentGraph[] first = [Dated(TestData.AcmeDocument(), 2021), TestData.BobDocument()];
        var other = changedDocument ? Dated(TestData.AcmeDocument(TestData.AcmeText + " Nothing more."), 2022) : Dated(Third(), 2019);
        await using var normalFiles = new SqliteTestFiles();
        var normal = await normalFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await normal.ApplyAsync(first, Ct);
        await normal.ApplyAsync([other], Ct);
        await normal.ApplyAsync([Dated(Fifth(), 2018)], Ct);
        // another process with the file open since before the load (the API, a watch) knows nothing of it
        var elsewhere = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var bulk = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        Assert.True(await bulk.TryBeginBulkLoadAsync(Ct));
        await bulk.ApplyAsync(first, Ct);

        // a changed document there takes the general path, which needs the indexes and builds them; a new one does not,
        // and the loading store, seeing another writer, builds them before its next write
        await elsewhere.ApplyAsync([other], Ct);
        Assert.Equal(changedDocument ? 8 : 0, IndexNames(Files.DatabasePath).Count);
        await bulk.ApplyAsync([Dated(Fifth(), 2018)], Ct);

        Assert.Equal(8, IndexNames(Files.DatabasePath).Count);
        await bulk.EndBulkLoadAsync(Ct);
        Assert.Equal(DumpRows(normalFiles.DatabasePath), DumpRows(Files.DatabasePath));
        await AssertTotalsMatchTheRowsAsync();
    }

    private static List<string> IndexNames(string databasePath) =>
        SqliteFile.Strings(databasePath, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name;");

    // What readers see of the test documents' graph, as JSON: lookups by name and alias, entities with their facts, evidence pages, paths.
    private static async Task<string> AnswersAsync(SqliteGraphStore store)
    {
        var acme = TestData.Id(EntityKind.Organisation, "Acme Corp");
        var employedBy = StableId.Fact(RelationType.EmployedBy, TestData.AliceId, acme);
        var answers = new List<object?>
        {
            await store.FindByNameAsync("acme corp", Ct),
            await store.SearchEntitiesAsync(new EntitySearch("able", null), Ct),
            await store.GetEntityAsync(acme, Ct),
            await store.GetEntityAsync(TestData.AliceId, Ct),
            await store.GetEvidenceAsync(employedBy, 0, 10, Ct),
            await store.GetNeighboursAsync(acme, PathFilter.None, 10, Ct),
            await store.FindPathsAsync(new PathRequest { FromId = TestData.BobId, ToId = acme, MaxHops = 3 }, Ct) is var paths ? paths.Paths : null,
            await store.ListDocumentsAsync(0, 10, Ct),
            await store.CountAsync(Ct),
        };
        return JsonSerializer.Serialize(answers);
    }

    // A document saying only that Carol Cole funds Acme Corp, in its own words and with its own confidence.
    private static DocumentGraph Says(string source, string words, double confidence)
    {
        var batch = TestData.Batch(source, $"{words}. Nothing else.",
            ("Carol Cole", EntityKind.Person, RelationType.Funds, "Acme Corp", EntityKind.Organisation, words));
        return batch with { Evidence = [batch.Evidence[0] with { Confidence = confidence }] };
    }

    private static string SampleQuote(string databasePath, string factKey) =>
        Assert.Single(SqliteFile.Strings(databasePath, "SELECT sample_quote FROM facts WHERE fact_key = $key;", ("$key", factKey)));

    [Fact]
    public async Task ApplyAsync_SymmetricFactGivenEitherWay_IsStoredInKeyOrderWhateverArrivesFirst()
    {
        var (low, high) = string.CompareOrdinal(Alice, Bob) < 0 ? ("Alice Able", "Bob Baker") : ("Bob Baker", "Alice Able");
        var backwards = TestData.Batch("docs/backwards.txt", $"{high} talks to {low} every week.",
            (high, EntityKind.Person, RelationType.CommunicatesWith, low, EntityKind.Person, $"{high} talks to {low}"));
        var forwards = TestData.Batch("docs/forwards.txt", $"{low} talks to {high} often.",
            (low, EntityKind.Person, RelationType.CommunicatesWith, high, EntityKind.Person, $"{low} talks to {high}"));
        var factKey = Assert.Single(backwards.Facts).FactKey;
        Assert.Equal(factKey, Assert.Single(forwards.Facts).FactKey);

        var backwardsFirst = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await backwardsFirst.ApplyAsync([backwards], Ct);
        var stored = (await backwardsFirst.GetEvidenceAsync(factKey, 0, 10, Ct))!.Fact;
        await backwardsFirst.ApplyAsync([forwards], Ct);

        await using var otherFiles = new SqliteTestFiles();
        var forwardsFirst = await otherFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await forwardsFirst.ApplyAsync([forwards, backwards], Ct);

        Assert.Equal((TestData.Id(EntityKind.Person, low), TestData.Id(EntityKind.Person, high)), (stored.SubjectId, stored.ObjectId));
        Assert.Equal(backwardsFirst.Index.DescribeAdjacency(), forwardsFirst.Index.DescribeAdjacency());
        Assert.Equal(2, (await forwardsFirst.GetEvidenceAsync(factKey, 0, 10, Ct))!.Fact.DocCount);
    }

    [Fact]
    public async Task ApplyAsync_OneBatch_GivesTheSameResultsAndGraphAsOneDocumentPerCall()
    {
        var edited = TestData.AcmeDocument(TestData.AcmeText + " Nothing more.");
        DocumentGraph[] sequence = [TestData.AcmeDocument(), TestData.BobDocument(), TestData.AcmeDocument(), edited, Third(), edited, TestData.AcmeDocument()];
        var oneByOne = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var separate = new List<ApplyResult>();
        foreach (var batch in sequence)
        {
            separate.AddRange(await oneByOne.ApplyAsync([batch], Ct));
        }

        await using var otherFiles = new SqliteTestFiles();
        var batched = await otherFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var together = await batched.ApplyAsync(sequence, Ct);

        Assert.Equal(separate, together);
        Assert.Equal([ApplyOutcome.Added, ApplyOutcome.Added, ApplyOutcome.Unchanged, ApplyOutcome.Updated, ApplyOutcome.Added, ApplyOutcome.Unchanged, ApplyOutcome.Updated],
            together.Select(r => r.Outcome));
        Assert.Equal(await oneByOne.CountAsync(Ct), await batched.CountAsync(Ct));
        Assert.Equal(oneByOne.Index.DescribeAdjacency(), batched.Index.DescribeAdjacency());
        Assert.Equal((await batched.BuildIndexAsync(Ct)).DescribeAdjacency(), batched.Index.DescribeAdjacency());
        await AssertTotalsMatchTheRowsAsync(otherFiles.DatabasePath);
    }

    [Fact]
    public async Task ApplyAsync_DocumentFailingInABatch_LandsTheOthersAndLeavesNothingOfIt()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var third = Third();
        store.BeforeCommit = batch =>
        {
            if (batch.Document.Id == third.Document.Id)
            {
                throw new InvalidOperationException("simulated failure");
            }
        };

        var results = await store.ApplyAsync([TestData.AcmeDocument(), third, TestData.BobDocument()], Ct);

        store.BeforeCommit = null;
        Assert.Equal([ApplyOutcome.Added, ApplyOutcome.Failed, ApplyOutcome.Added], results.Select(r => r.Outcome));
        Assert.Null(await store.GetDocumentStateAsync(third.Document.Id, Ct));
        Assert.Null(await store.GetEntityAsync(TestData.Id(EntityKind.Person, "Dana Doe"), Ct));
        Assert.Equal(new GraphCounts(2, 5, 4, 6, 5), await store.CountAsync(Ct));
        Assert.Equal((await store.BuildIndexAsync(Ct)).DescribeAdjacency(), store.Index.DescribeAdjacency());
        await AssertTotalsMatchTheRowsAsync();
        Assert.Equal([ApplyOutcome.Unchanged, ApplyOutcome.Added, ApplyOutcome.Unchanged],
            (await store.ApplyAsync([TestData.AcmeDocument(), third, TestData.BobDocument()], Ct)).Select(r => r.Outcome));
    }

    [Fact]
    public async Task ApplyAsync_NewDocumentFastPath_WritesExactlyWhatTheGeneralPathWrites()
    {
        // new documents with the awkward cases: an entity only implied (no mention) that a later document names,
        // an entity given twice with attributes, a fact named without evidence (new, and known), repeated ids,
        // an unsupported new entity, and a document that is not self-contained (it goes the general way in both)
        var third = Third();
        var repeated = TestData.Batch("docs/repeated.txt", "Bob Baker funds Acme Corp. Bob Baker funds Acme Corp again.",
            ("Bob Baker", EntityKind.Person, RelationType.Funds, "Acme Corp", EntityKind.Organisation, "Bob Baker funds Acme Corp"));
        var acme = repeated.Entities.Single(e => e.Name == "Acme Corp");
        var stray = new ExtractedEntity(TestData.Id(EntityKind.Organisation, "Stray Holdings"), EntityKind.Organisation, "Stray Holdings", ["Stray"]);
        var knownFact = TestData.AcmeDocument().Facts[0];
        repeated = repeated with
        {
            Entities = [.. repeated.Entities, acme with { Aliases = ["ACME"], Year = 2020, Status = "active" }, stray,
                .. TestData.AcmeDocument().Entities.Where(e => e.Id == knownFact.SubjectId || e.Id == knownFact.ObjectId)],
            Mentions = [.. repeated.Mentions, repeated.Mentions[0]],
            Facts = [.. repeated.Facts, knownFact, new FactRecord("fact_without_evidence", RelationType.Funds, stray.Id, acme.Id)],
            Evidence = [.. repeated.Evidence, repeated.Evidence[0] with { Confidence = 0.4 }],
        };
        var namesDana = TestData.Batch("docs/dana.txt", "Dana Doe runs Acme Corp.",
            ("Dana Doe", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Dana Doe runs Acme Corp"));
        var borrowsEntity = TestData.Batch("docs/borrow.txt", "Acme Corp grew. Alice Able stayed.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able stayed"));
        borrowsEntity = borrowsEntity with { Entities = [.. borrowsEntity.Entities.Where(e => e.Name != "Alice Able")] };
        DocumentGraph[] sequence = [Dated(TestData.AcmeDocument(), 2021), Dated(third, 2019), Dated(repeated, 2024), TestData.BobDocument(),
            Dated(namesDana, 2017), borrowsEntity, Dated(Fifth(), 2018)];

        var fast = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await using var otherFiles = new SqliteTestFiles();
        var general = await otherFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        general.NewDocumentFastPath = false;
        await using var batchedFiles = new SqliteTestFiles();
        var batched = await batchedFiles.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var fastResults = new List<ApplyResult>();
        var generalResults = new List<ApplyResult>();
        foreach (var batch in sequence)
        {
            fastResults.AddRange(await fast.ApplyAsync([batch], Ct));
            generalResults.AddRange(await general.ApplyAsync([batch], Ct));
            Assert.Equal(general.Index.DescribeAdjacency(), fast.Index.DescribeAdjacency());
        }

        // one call: the documents share a transaction, so entity totals are summed across them and written once
        var batchedResults = await batched.ApplyAsync(sequence, Ct);

        Assert.Equal(generalResults, fastResults);
        Assert.Equal(generalResults, batchedResults);
        Assert.Equal(DumpRows(otherFiles.DatabasePath), DumpRows(Files.DatabasePath));
        Assert.Equal(DumpRows(otherFiles.DatabasePath), DumpRows(batchedFiles.DatabasePath));
        Assert.Equal(general.Index.DescribeAdjacency(), batched.Index.DescribeAdjacency());
        Assert.Equal((await fast.BuildIndexAsync(Ct)).DescribeAdjacency(), fast.Index.DescribeAdjacency());
        Assert.Null(await fast.GetEntityAsync(stray.Id, Ct));
        await AssertTotalsMatchTheRowsAsync();
    }

    [Fact]
    public async Task ApplyAsync_EntityDeletedThenNamedAgain_StoresItsAliasesAgain()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([CarolFundsAcme("docs/carol.txt")], Ct);
        Assert.Equal(["C. Cole"], Aliases(Files.DatabasePath, Carol));

        // the document changes and no longer names her: she goes, and her aliases with her
        await store.ApplyAsync([TestData.Batch("docs/carol.txt", "Acme Corp grew.", ("Acme Corp", EntityKind.Organisation, RelationType.Funds, "Ministry of Works", EntityKind.Organisation, "Acme Corp grew"))], Ct);
        Assert.Null(await store.GetEntityAsync(Carol, Ct));
        Assert.Empty(Aliases(Files.DatabasePath, Carol));

        await store.ApplyAsync([CarolFundsAcme("docs/again.txt")], Ct);
        Assert.Equal(["C. Cole"], Aliases(Files.DatabasePath, Carol));
    }

    [Fact]
    public async Task ApplyAsync_EntityDeletedByAnotherProcessThenNamedAgain_StoresItsAliasesAgain()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([CarolFundsAcme("docs/carol.txt")], Ct);

        // a second store on the same file (another relgraph process) changes the document and deletes her
        var other = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await other.ApplyAsync([TestData.Batch("docs/carol.txt", "Acme Corp grew.", ("Acme Corp", EntityKind.Organisation, RelationType.Funds, "Ministry of Works", EntityKind.Organisation, "Acme Corp grew"))], Ct);
        Assert.Empty(Aliases(Files.DatabasePath, Carol));

        await store.ApplyAsync([CarolFundsAcme("docs/again.txt")], Ct);
        Assert.Equal(["C. Cole"], Aliases(Files.DatabasePath, Carol));
    }

    private static string Carol => TestData.Id(EntityKind.Person, "Carol Cole");

    private static DocumentGraph CarolFundsAcme(string source)
    {
        var batch = TestData.Batch(source, "Carol Cole funds Acme Corp.",
            ("Carol Cole", EntityKind.Person, RelationType.Funds, "Acme Corp", EntityKind.Organisation, "Carol Cole funds Acme Corp"));
        return batch with { Entities = [.. batch.Entities.Select(e => e.Id == Carol ? e with { Aliases = ["C. Cole"] } : e)] };
    }

    private static List<string> Aliases(string databasePath, string entityId) =>
        SqliteFile.Strings(databasePath, "SELECT alias FROM entity_aliases WHERE entity_id = $id ORDER BY alias;", ("$id", entityId));

    private static DocumentGraph Dated(DocumentGraph batch, int year) =>
        batch with { Document = batch.Document with { PublishedAt = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero) } };

    // Dana Doe is never named in the text, so she is counted through her fact's evidence; two evidence in one document.
    private static DocumentGraph Third()
    {
        var batch = TestData.Batch("docs/third.txt", "Acme Corp hired her last year. Alice Able works for Acme Corp, staff say. Alice Able leads Acme Corp.",
            ("Dana Doe", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Acme Corp hired her"),
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"),
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able leads Acme Corp"));
        return batch with { Evidence = [batch.Evidence[0], batch.Evidence[1] with { Confidence = 0.5, Extractor = "pattern" }, batch.Evidence[2] with { Confidence = 0.7 }] };
    }

    private static DocumentGraph Fourth() => TestData.Batch("docs/fourth.txt", "Dana Doe works for Acme Corp. Bob Baker is a close associate of Alice Able.",
        ("Dana Doe", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Dana Doe works for Acme Corp"),
        ("Bob Baker", EntityKind.Person, RelationType.AssociatedWith, "Alice Able", EntityKind.Person, "Bob Baker is a close associate of Alice Able"));

    private static DocumentGraph Fifth()
    {
        var batch = TestData.Batch("docs/fifth.txt", "Alice Able works for Acme Corp since 2010.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"));
        return batch with { Evidence = [batch.Evidence[0] with { Confidence = 0.95, Extractor = "model" }] };
    }

    private Task<StoredTotals> AssertTotalsMatchTheRowsAsync() => AssertTotalsMatchTheRowsAsync(Files.DatabasePath);

    private static async Task<StoredTotals> AssertTotalsMatchTheRowsAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync(Ct);
        var reported = Rows(connection, "SELECT id, reported_at FROM documents", r => (Id: r.GetString(0), At: r.GetString(1))).ToDictionary(d => d.Id, d => d.At);
        var mentions = Rows(connection, "SELECT entity_id, doc_id FROM mentions", r => (Entity: r.GetString(0), Doc: r.GetString(1)));
        var evidence = Rows(connection, "SELECT fact_key, doc_id, start, quote, extractor, confidence FROM evidence",
            r => (Fact: r.GetString(0), Doc: r.GetString(1), Start: r.GetInt32(2), Quote: r.GetString(3), Extractor: r.GetString(4), Confidence: r.GetDouble(5)));
        var facts = Rows(connection, "SELECT fact_key, subject_id, object_id, evidence_count, doc_count, confidence, first_seen, last_seen, sample_quote, extractors FROM facts",
            r => new StoredFact(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetDouble(5), r.GetString(6), r.GetString(7), r.GetString(8),
                JsonSerializer.Deserialize<List<string>>(r.GetString(9))!));
        var entities = Rows(connection, "SELECT id, mention_count, doc_count, first_seen, last_seen FROM entities",
            r => new StoredEntity(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        var entityDocuments = Rows(connection, "SELECT entity_id, doc_id, mention_count FROM entity_documents", r => (Entity: r.GetString(0), Doc: r.GetString(1), Count: r.GetInt32(2)));

        // every reference resolves, though batches of new documents are written without SQLite checking each one
        Assert.Empty(Rows(connection, "PRAGMA foreign_key_check;", r => r.GetString(0)));

        // the (entity, document) table the totals are recounted from is exactly the documents' mentions, grouped
        Assert.NotEmpty(mentions);
        Assert.Equal(mentions.GroupBy(m => m).Select(g => (g.Key.Entity, g.Key.Doc, g.Count())).Order(), entityDocuments.Order());

        Assert.NotEmpty(facts);
        foreach (var fact in facts)
        {
            var rows = evidence.Where(e => e.Fact == fact.Key).ToList();
            var docs = rows.Select(e => e.Doc).Distinct().ToList();
            var untrue = rows.GroupBy(e => e.Doc).Aggregate(1.0, (product, doc) => product * (1 - doc.Max(e => e.Confidence)));
            var sample = rows.OrderByDescending(e => e.Confidence).ThenBy(e => e.Doc, StringComparer.Ordinal).ThenBy(e => e.Start).First().Quote;
            Assert.Equal((rows.Count, docs.Count), (fact.EvidenceCount, fact.DocCount));
            Assert.Equal(1 - untrue, fact.Confidence, 9);
            Assert.Equal((docs.Select(d => reported[d]).Min(StringComparer.Ordinal), docs.Select(d => reported[d]).Max(StringComparer.Ordinal)), (fact.FirstSeen, fact.LastSeen));
            Assert.Equal(sample, fact.SampleQuote);
            Assert.Equal(rows.Select(e => e.Extractor).Distinct().Order(StringComparer.Ordinal), fact.Extractors);
        }

        foreach (var entity in entities)
        {
            var mentioned = mentions.Where(m => m.Entity == entity.Id).ToList();
            var docs = mentioned.Count > 0
                ? mentioned.Select(m => m.Doc).Distinct().ToList()
                : facts.Where(f => f.SubjectId == entity.Id || f.ObjectId == entity.Id).SelectMany(f => evidence.Where(e => e.Fact == f.Key)).Select(e => e.Doc).Distinct().ToList();
            Assert.Equal((mentioned.Count, docs.Count), (entity.MentionCount, entity.DocCount));
            Assert.Equal((docs.Select(d => reported[d]).Min(StringComparer.Ordinal), docs.Select(d => reported[d]).Max(StringComparer.Ordinal)), (entity.FirstSeen, entity.LastSeen));
        }

        return new StoredTotals(entities.ToDictionary(e => e.Id), facts.ToDictionary(f => f.Key));
    }

    // Every stored row of the graph tables (and the search keys), all columns, in key order, as text; reals to 12 digits when a recount is compared
    // with totals extended document by document (the same noisy-or, multiplied in another order).
    private static List<string> DumpRows(string databasePath, bool roundReals = false)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        var rows = new List<string>();
        // the search keys without their row ids, which follow the order rows were written in
        foreach (var (table, order) in new[] { ("entities", "id"), ("entity_aliases", "entity_id, alias"), ("facts", "fact_key"), ("mentions", "doc_id, id"), ("entity_documents", "entity_id, doc_id"), ("evidence", "doc_id, id"), ("entity_search", "entity_id, key") })
        {
            var columns = table == "entity_search" ? order : "*";
            rows.AddRange(Rows(connection, $"SELECT {columns} FROM {table} ORDER BY {order}",
                r => table + ": " + string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL"
                    : roundReals && r.GetValue(i) is double real ? real.ToString("G12", System.Globalization.CultureInfo.InvariantCulture)
                    : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)))));
        }

        return rows;
    }

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private sealed record StoredFact(string Key, string SubjectId, string ObjectId, int EvidenceCount, int DocCount, double Confidence,
        string FirstSeen, string LastSeen, string SampleQuote, List<string> Extractors);

    private sealed record StoredEntity(string Id, int MentionCount, int DocCount, string? FirstSeen, string? LastSeen);

    private sealed record StoredTotals(Dictionary<string, StoredEntity> Entities, Dictionary<string, StoredFact> Facts);
}
