using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Tests.Storage.Sqlite;

public sealed class SqliteGraphStoreTests : SqliteStoreTestBase
{
    [Fact]
    public async Task ApplyAsync_FailureJustBeforeCommit_LeavesThePreviousVersionIntact()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var countsBefore = await store.CountAsync(Ct);
        var adjacencyBefore = store.Index.DescribeAdjacency();
        var edited = Shrink("Alice Able works for Acme Corp [1]. Nothing else is known.");
        store.BeforeCommit = _ => throw new InvalidOperationException("simulated crash");

        var failed = Assert.Single(await store.ApplyAsync([edited], Ct));

        Assert.Equal(ApplyOutcome.Failed, failed.Outcome);
        Assert.Contains("simulated crash", failed.Error, StringComparison.Ordinal);
        Assert.Equal(countsBefore, await store.CountAsync(Ct));
        Assert.Equal(TestData.AcmeDocument().Document.ContentHash, (await store.GetDocumentStateAsync(edited.Document.Id, Ct))!.ContentHash);
        Assert.NotNull(await store.GetEntityAsync(Ministry, Ct));
        Assert.Equal(adjacencyBefore, store.Index.DescribeAdjacency());
        store.BeforeCommit = null;
        Assert.Equal(ApplyOutcome.Updated, Assert.Single(await store.ApplyAsync([edited], Ct)).Outcome);
    }

    [Fact]
    public async Task ApplyAsync_TheDatabaseItselfFails_ThrowsRatherThanFailingEachDocument()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        store.BeforeCommit = _ => throw new SqliteException("disk I/O error", 10); // SQLITE_IOERR

        var error = await Assert.ThrowsAsync<SqliteException>(() => store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct));

        Assert.Equal(10, error.SqliteErrorCode);
        store.BeforeCommit = null;
        Assert.Equal(new GraphCounts(0, 0, 0, 0, 0), await store.CountAsync(Ct));
    }

    [Fact]
    public async Task RemoveDocumentAsync_AfterPathAnswersWereCached_LaterAnswersShowOnlyWhatRemains()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var alice = TestData.AliceId;
        var acme = TestData.AcmeId;
        var request = new PathRequest { FromId = alice, ToId = acme, MaxHops = 1, EvidencePerHop = 5 };
        await store.FindPathsAsync(request, Ct); // the cache keeps what is read a second time
        var before = Assert.Single(Assert.Single((await store.FindPathsAsync(request, Ct)).Paths).Hops);
        Assert.Equal(2, before.Evidence.Count);
        var bob = TestData.BobDocument().Document.Id;

        await store.RemoveDocumentAsync(bob, Ct);

        var after = Assert.Single(Assert.Single((await store.FindPathsAsync(request, Ct)).Paths).Hops);
        Assert.Equal(1, after.Fact.DocCount);
        Assert.DoesNotContain(after.Evidence, e => e.DocumentId == bob);
        Assert.Single(after.Evidence);
        Assert.Null(await store.GetEntitySummaryAsync(TestData.BobId, Ct));
        Assert.Empty((await store.FindPathsAsync(new PathRequest { FromId = TestData.BobId, ToId = acme }, Ct)).Paths);
    }

    [Fact]
    public async Task ApplyAsync_EvidenceForAFactNobodyDeclared_FailsAndKeepsThePreviousState()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var before = await store.CountAsync(Ct);
        var good = TestData.AcmeDocument(TestData.AcmeText + " More text.");
        var orphan = good.Evidence[0] with { Id = "evi_orphan", FactKey = "fact_nobody_declared" };
        var bad = good with { Evidence = [.. good.Evidence, orphan] };

        var failed = Assert.Single(await store.ApplyAsync([bad], Ct));

        Assert.Equal(ApplyOutcome.Failed, failed.Outcome);
        Assert.Contains("evi_orphan supports fact fact_nobody_declared, which the batch does not define", failed.Error, StringComparison.Ordinal);
        Assert.Equal(before, await store.CountAsync(Ct));
        Assert.Equal(TestData.AcmeDocument().Document.ContentHash, (await store.GetDocumentStateAsync(good.Document.Id, Ct))!.ContentHash);
    }

    [Fact]
    public async Task ApplyAsync_SpanOutsideTheText_IsRejectedBeforeAnythingIsWritten()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var good = TestData.AcmeDocument();
        var bad = good with { Evidence = [good.Evidence[0] with { End = good.Document.Text.Length + 5 }] };

        var failed = Assert.Single(await store.ApplyAsync([bad], Ct));

        Assert.Equal(ApplyOutcome.Failed, failed.Outcome);
        Assert.Contains("outside the document", failed.Error, StringComparison.Ordinal);
        Assert.Equal(new GraphCounts(0, 0, 0, 0, 0), await store.CountAsync(Ct));
    }

    [Fact]
    public async Task ApplyAsync_TextBeyondTheBasicPlane_MeasuresSpansInCodePointsNotChars()
    {
        // two emoji are four UTF-16 chars but two code points: a span may end at the code-point length, not past it
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var good = TestData.AcmeDocument(TestData.AcmeText + " \U0001F600\U0001F600");
        var codePoints = good.Document.Text.EnumerateRunes().Count();
        Assert.Equal(good.Document.Text.Length - 2, codePoints);

        var pastTheEnd = good with { Evidence = [good.Evidence[0] with { End = codePoints + 1 }] };
        var failed = Assert.Single(await store.ApplyAsync([pastTheEnd], Ct));
        Assert.Equal(ApplyOutcome.Failed, failed.Outcome);
        Assert.Contains($"outside the document's {codePoints} code points", failed.Error, StringComparison.Ordinal);

        var toTheEnd = good with { Evidence = [good.Evidence[0] with { End = codePoints }] };
        Assert.Equal(ApplyOutcome.Added, Assert.Single(await store.ApplyAsync([toTheEnd], Ct)).Outcome);
    }

    [Fact]
    public async Task ApplyAsync_DatabaseLockedByAnotherWriter_RetriesUntilTheLockIsReleased()
    {
        // real time: the retry back-off waits on the store's TimeProvider
        var store = await Files.OpenInitializedAsync(TimeProvider.System, o => o.BusyTimeoutMilliseconds = 0);
        var retried = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.RetryObserved = attempt => retried.TrySetResult(attempt);
        await using var blocker = new SqliteConnection($"Data Source={Files.DatabasePath};Pooling=False");
        await blocker.OpenAsync(Ct);
        var lockHolder = blocker.BeginTransaction(deferred: false);

        var apply = Task.Run(() => store.ApplyAsync([TestData.AcmeDocument()], Ct), Ct);
        var attempt = await retried.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        lockHolder.Rollback();
        var result = Assert.Single(await apply);

        Assert.True(attempt >= 1);
        Assert.Equal(ApplyOutcome.Added, result.Outcome);
        Assert.Equal(3, (await store.CountAsync(Ct)).Facts);
    }

    [Fact]
    public async Task InitializeAsync_ReopenedFile_KeepsEverythingAndRebuildsThePathIndex()
    {
        var first = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await first.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var counts = await first.CountAsync(Ct);
        var adjacency = first.Index.DescribeAdjacency();
        await first.DisposeAsync();

        var reopened = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var path = await reopened.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Ministry }, Ct);

        Assert.Equal(counts, await reopened.CountAsync(Ct));
        Assert.Equal(adjacency, reopened.Index.DescribeAdjacency());
        Assert.Equal(4, Assert.Single(path.Paths).Length);
    }

    [Fact]
    public async Task ApplyAsync_ChangedDocument_ReportsWhatWasAddedUpdatedAndRemoved()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var first = Assert.Single(await store.ApplyAsync([TestData.AcmeDocument()], Ct));
        await store.ApplyAsync([TestData.BobDocument()], Ct);
        var edited = TestData.Batch("docs/acme.txt", "Alice Able works for Acme Corp, it says.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"));

        var second = Assert.Single(await store.ApplyAsync([edited], Ct));

        Assert.Equal(new ChangeCounts(4, 0, 0), first.Entities);
        Assert.Equal(new ChangeCounts(3, 0, 0), first.Facts);
        Assert.Equal(new ChangeCounts(3, 0, 0), first.Evidence);
        Assert.Equal(ApplyOutcome.Updated, second.Outcome);
        Assert.Equal(new ChangeCounts(0, 2, 2), second.Entities);
        Assert.Equal(new ChangeCounts(0, 1, 2), second.Facts);
        Assert.Equal(new ChangeCounts(0, 1, 2), second.Evidence);
    }

    [Fact]
    public async Task ApplyAsync_TwoDocuments_FactTotalsCombineTheirEvidence()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var published = new DateTimeOffset(2020, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var acme = TestData.AcmeDocument();
        acme = acme with { Document = acme.Document with { PublishedAt = published } };
        await store.ApplyAsync([acme, TestData.BobDocument()], Ct);

        var page = await store.GetEvidenceAsync(StableId.Fact(RelationType.EmployedBy, Alice, Acme), 0, 10, Ct);
        var alice = await store.GetEntityAsync(Alice, Ct);

        Assert.NotNull(page);
        Assert.Equal(2, page.Fact.EvidenceCount);
        Assert.Equal(2, page.Fact.DocCount);
        Assert.Equal(0.99, page.Fact.Confidence, 6); // noisy-or of two independent 0.9s
        Assert.Equal(published, page.Fact.FirstSeen);
        Assert.Equal(TestData.Epoch, page.Fact.LastSeen); // the second document has no date: its ingestion time counts
        Assert.Equal(["test"], page.Fact.Extractors);
        Assert.NotNull(alice);
        Assert.Equal(2, alice.Entity.DocCount);
        Assert.Equal(published, alice.FirstSeen);
        Assert.Equal(2, alice.Facts.Count);
    }

    [Fact]
    public async Task ApplyAsync_ManyEdits_IncrementalIndexEqualsAFullRebuild()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        await store.ApplyAsync([TestData.Batch("docs/more.txt", "Carol Cole funds Acme Corp. Carol Cole leads Dune Ltd.",
            ("Carol Cole", EntityKind.Person, RelationType.Funds, "Acme Corp", EntityKind.Organisation, "Carol Cole funds Acme Corp"),
            ("Carol Cole", EntityKind.Person, RelationType.Leads, "Dune Ltd", EntityKind.Organisation, "Carol Cole leads Dune Ltd"))], Ct);
        await store.ApplyAsync([TestData.Batch("docs/acme.txt", "Alice Able works for Acme Corp, it says.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"))], Ct);

        var rebuilt = await store.BuildIndexAsync(Ct);

        Assert.Equal(rebuilt.DescribeAdjacency(), store.Index.DescribeAdjacency());
        Assert.Equal(rebuilt.EdgeCount, store.Index.EdgeCount);
        Assert.Equal(4, store.Index.EdgeCount);
    }

    [Fact]
    public async Task ApplyAsync_SameEntityNamedDifferently_KeepsTheFirstNameAndMergesAliases()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var first = TestData.AcmeDocument();
        first = first with { Entities = [.. first.Entities.Select(e => e.Id == Acme ? e with { Aliases = ["Acme"] } : e)] };
        var second = TestData.BobDocument();
        second = second with { Entities = [.. second.Entities.Select(e => e.Id == Acme ? e with { Name = "ACME CORP.", Aliases = ["the Acme group"] } : e)] };

        await store.ApplyAsync([first, second], Ct);
        var acme = await store.GetEntityAsync(Acme, Ct);

        Assert.NotNull(acme);
        Assert.Equal("Acme Corp", acme.Entity.Name);
        Assert.Equal(["ACME CORP.", "Acme", "the Acme group"], acme.Entity.Aliases);
        Assert.Equal(Acme, Assert.Single(await store.FindByNameAsync("The Acme Group", Ct)).Id);
        Assert.Equal(Acme, Assert.Single(await store.SearchEntitiesAsync(new EntitySearch("acme gr"), Ct)).Id);
    }

    [Fact]
    public async Task InitializeAsync_SharedInMemoryConnectionString_WorksWithoutAFile()
    {
        var connectionString = $"Data Source=file:{Guid.NewGuid():N}?mode=memory&cache=shared";
        await using var store = new SqliteGraphStore(Microsoft.Extensions.Options.Options.Create(new SqliteStoreOptions { ConnectionString = connectionString }));
        await store.InitializeAsync(Ct);

        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var result = await store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Ministry }, Ct);

        Assert.Equal(new GraphCounts(2, 5, 4, 6, 5), await store.CountAsync(Ct));
        Assert.Single(result.Paths);
    }

    [Fact]
    public async Task AddSqliteGraphStore_BindsPathFromConfiguration()
    {
        var path = Path.Combine(Path.GetDirectoryName(Files.DatabasePath)!, "configured", "store.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = path })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSqliteGraphStore();
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IGraphStore>();
        await store.InitializeAsync(Ct);
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);

        Assert.Same(provider.GetRequiredService<SqliteGraphStore>(), store);
        Assert.True(File.Exists(path));
        Assert.Equal(1, (await store.CountAsync(Ct)).Documents);
    }

    [Fact]
    public async Task FindPathsAsync_OverTheBounds_Throws()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Acme, MaxHops = 7 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.FindPathsAsync(new PathRequest { FromId = Bob, ToId = Acme, K = 51 }, Ct));
    }

    [Fact]
    public async Task ApplyAsync_ManyCommits_CheckpointsInTheBackgroundAndKeepsTheLogSmall()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), options => options.WalCheckpointPages = 8);
        long largestLog = 0;
        for (var i = 0; i < 30; i++)
        {
            await store.ApplyAsync([Hires(i)], Ct);
            await store.Checkpointer!.WhenIdle;
            largestLog = Math.Max(largestLog, new FileInfo(Files.DatabasePath + "-wal").Length);
        }

        // every commit wrote more than 8 pages, so each one was copied back and the log restarted from its beginning
        Assert.True(store.Checkpointer!.Completed >= 29, $"{store.Checkpointer.Completed} checkpoints");
        Assert.True(largestLog < 30 * 8 * 4096, $"the log grew to {largestLog} bytes");
    }

    private static DocumentGraph Hires(int i) =>
        TestData.Batch($"docs/hire-{i}.txt", $"Acme Corp hired Person{i:D3} Example as a driver.",
            ($"Person{i:D3} Example", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, $"Acme Corp hired Person{i:D3} Example"));

    private static DocumentGraph Shrink(string text) =>
        TestData.Batch("docs/acme.txt", text,
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"));
}
