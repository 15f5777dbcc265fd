using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Storage.Sqlite.Reading;

namespace RelationGraph.Tests.Storage.Sqlite;

/// <summary>The store's in-memory path details must never outlive the data they were read from.</summary>
public sealed class PathDetailCacheTests : SqliteStoreTestBase
{
    [Fact]
    public async Task FindPathsAsync_DocumentReingestedWithNewQuotes_ServesTheNewEvidenceNotTheCachedOld()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var request = new PathRequest { FromId = Alice, ToId = Ministry, MaxHops = 4 };
        await store.FindPathsAsync(request, Ct);
        var before = await store.FindPathsAsync(request, Ct);
        Assert.Contains("Alice Able works for Acme Corp", Quotes(before));
        Assert.True(store.DetailCache.Facts.Count >= 3, "the second answer should have filled the cache");

        const string NewText = "Since 2019 Alice Able has been employed at Acme Corp [4]. Acme Corp later signed a road contract " +
            "which had been awarded by the Ministry of Works [5].";
        await store.ApplyAsync([TestData.Batch("docs/acme.txt", NewText,
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able has been employed at Acme Corp"),
            ("Acme Corp", EntityKind.Organisation, RelationType.PartyTo, "Ministry road contract (2024)", EntityKind.Contract, "Acme Corp later signed a road contract"),
            ("Ministry road contract (2024)", EntityKind.Contract, RelationType.AwardedBy, "Ministry of Works", EntityKind.Organisation, "had been awarded by the Ministry of Works"))], Ct);

        var after = await store.FindPathsAsync(request, Ct);

        Assert.Contains("Alice Able has been employed at Acme Corp", Quotes(after));
        Assert.DoesNotContain("Alice Able works for Acme Corp", Quotes(after));
        Assert.Equal(await UncachedAnswerAsync(request), Json(after));
    }

    [Fact]
    public async Task FindPathsAsync_AnotherDocumentAddsEvidenceToACachedFact_ShowsBothQuotesAndNewTotals()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var request = new PathRequest { FromId = Alice, ToId = Acme };
        await store.FindPathsAsync(request, Ct);
        var before = Assert.Single(Assert.Single((await store.FindPathsAsync(request, Ct)).Paths).Hops);
        Assert.True(store.DetailCache.Facts.TryGet(before.Fact.FactKey, out _));
        Assert.Single(before.Evidence);
        Assert.Equal(1, before.Fact.DocCount);

        await store.ApplyAsync([TestData.BobDocument()], Ct);

        var after = Assert.Single(Assert.Single((await store.FindPathsAsync(request, Ct)).Paths).Hops);
        Assert.Equal(2, after.Fact.DocCount);
        Assert.Equal(["Alice Able works for Acme Corp", "Alice Able, an Acme Corp engineer"], after.Evidence.Select(e => e.Quote).Order(StringComparer.Ordinal));
        Assert.Equal(await UncachedAnswerAsync(request), Json(await store.FindPathsAsync(request, Ct)));
    }

    [Fact]
    public async Task GetEntitySummaryAsync_AnotherDocumentMentionsACachedEntity_ReturnsTheNewCounts()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        Assert.Equal(1, (await store.GetEntitySummaryAsync(Alice, Ct))!.DocCount);
        Assert.Equal(1, (await store.GetEntitySummaryAsync(Alice, Ct))!.DocCount);
        Assert.True(store.DetailCache.Entities.TryGet(Alice, out _));

        await store.ApplyAsync([TestData.BobDocument()], Ct);

        var alice = (await store.GetEntitySummaryAsync(Alice, Ct))!;
        Assert.Equal(2, alice.DocCount);
        Assert.Equal(2, alice.MentionCount);
    }

    [Fact]
    public async Task FindPathsAsync_DocumentReingestedWithoutAFact_DropsThePathAndItsCachedHop()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument(), TestData.BobDocument()], Ct);
        var request = new PathRequest { FromId = Bob, ToId = Alice };
        await store.FindPathsAsync(request, Ct);
        Assert.Single((await store.FindPathsAsync(request, Ct)).Paths);
        var associated = StableId.Fact(RelationType.AssociatedWith, Bob, Alice);
        Assert.True(store.DetailCache.Facts.TryGet(associated, out _) || store.DetailCache.Facts.TryGet(StableId.Fact(RelationType.AssociatedWith, Alice, Bob), out _));

        await store.ApplyAsync([TestData.Batch("docs/bob.txt", "Alice Able, an Acme Corp engineer, declined to comment.",
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able, an Acme Corp engineer"))], Ct);

        Assert.Empty((await store.FindPathsAsync(request, Ct)).Paths);
        Assert.Null(await store.GetEntitySummaryAsync(Bob, Ct));
    }

    [Fact]
    public async Task FindPathsAsync_MoreEvidencePerHopThanCached_ReadsTheRestFromTheDatabase()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), o => o.CachedEvidencePerFact = 2);
        const string Text = "Alice Able works for Acme Corp. Alice Able joined Acme Corp. Alice Able is paid by Acme Corp. Alice Able represents Acme Corp.";
        await store.ApplyAsync([TestData.Batch("docs/many.txt", Text,
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able works for Acme Corp"),
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able joined Acme Corp"),
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able is paid by Acme Corp"),
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able represents Acme Corp"))], Ct);

        await store.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 2 }, Ct);
        var two = await store.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 2 }, Ct);
        Assert.True(store.DetailCache.Facts.Count > 0, "the second answer should have filled the cache");
        var one = await store.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 1 }, Ct);
        var four = await store.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 4 }, Ct);
        var all = await store.FindPathsAsync(new PathRequest { FromId = Alice, ToId = Acme, EvidencePerHop = 20 }, Ct);

        Assert.Equal(2, Assert.Single(Assert.Single(two.Paths).Hops).Evidence.Count);
        Assert.Equal(Quotes(two).Take(1), Quotes(one));
        Assert.Equal(4, Assert.Single(Assert.Single(four.Paths).Hops).Evidence.Count);
        Assert.Equal(Quotes(two), Quotes(four).Take(2));
        Assert.Equal(Quotes(four), Quotes(all));
    }

    [Fact]
    public async Task FindPathsAsync_ReadersRacingReingests_AlwaysSeeTheLatestVersionOnceApplyReturns()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        var request = new PathRequest { FromId = Alice, ToId = Acme };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await store.ApplyAsync([Version(0)], Ct);
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await store.FindPathsAsync(request, Ct); // fills the cache with whatever snapshot it read
            }
        }, Ct)).ToList();

        for (var version = 1; version <= 40; version++)
        {
            await store.ApplyAsync([Version(version)], Ct);

            var quote = Assert.Single(Assert.Single(Assert.Single((await store.FindPathsAsync(request, Ct)).Paths).Hops).Evidence).Quote;
            Assert.Equal($"Alice Able worked for Acme Corp in year {version}", quote);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        static DocumentGraph Version(int version)
        {
            var quote = $"Alice Able worked for Acme Corp in year {version}";
            return TestData.Batch("docs/versions.txt", quote + ".",
                ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, quote));
        }
    }

    [Fact]
    public async Task FindPathsAsync_ReadFinishesAfterAReingestCommitted_DoesNotCacheWhatItRead()
    {
        var store = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch));
        await store.ApplyAsync([TestData.AcmeDocument()], Ct);
        var request = new PathRequest { FromId = Alice, ToId = Acme };
        await store.FindPathsAsync(request, Ct); // a first read is never kept; the slow one below would be
        var (slowRead, resume) = await StartPausedPathReadAsync(store, request);
        const string NewText = "Alice Able has been employed at Acme Corp since 2019 [3].";
        await store.ApplyAsync([TestData.Batch("docs/acme.txt", NewText,
            ("Alice Able", EntityKind.Person, RelationType.EmployedBy, "Acme Corp", EntityKind.Organisation, "Alice Able has been employed at Acme Corp"))], Ct);
        resume();

        Assert.Equal(["Alice Able works for Acme Corp"], Quotes(await slowRead)); // it read before the write: fine to answer, not to keep
        Assert.Equal(["Alice Able has been employed at Acme Corp"], Quotes(await store.FindPathsAsync(request, Ct)));
    }

    [Fact]
    public void Fill_AfterAWriteWasApplied_KeepsNothingReadBeforeIt()
    {
        var cache = new PathDetailCache(entityCapacity: 10, factCapacity: 10, evidencePerFact: 3);
        var alice = new EntitySummary(Alice, EntityKind.Person, "Alice Able", [], 1, 1);
        var generation = cache.Generation;

        cache.Invalidate(new PathIndexDelta([new IndexedEntity(Alice, EntityKind.Person)], [], [], []));
        cache.Fill(generation, [alice], []);
        cache.Fill(generation, [alice], []);

        Assert.False(cache.Entities.TryGet(Alice, out _));
        cache.Fill(cache.Generation, [alice], []);
        cache.Fill(cache.Generation, [alice], []);
        Assert.True(cache.Entities.TryGet(Alice, out _));
    }

    [Fact]
    public void Fill_KeyReadOnce_IsKeptOnlyFromItsSecondRead()
    {
        var cache = new PathDetailCache(entityCapacity: 100, factCapacity: 100, evidencePerFact: 3);
        var alice = new EntitySummary(Alice, EntityKind.Person, "Alice Able", [], 1, 1);
        var bob = new EntitySummary(Bob, EntityKind.Person, "Bob Baker", [], 1, 1);

        cache.Fill(cache.Generation, [alice], []);
        Assert.False(cache.Entities.TryGet(Alice, out _));

        cache.Fill(cache.Generation, [alice, bob], []);
        Assert.True(cache.Entities.TryGet(Alice, out var kept));
        Assert.Same(alice, kept);
        Assert.False(cache.Entities.TryGet(Bob, out _));
    }

    [Fact]
    public void Fill_ManyKeysReadOnceEach_KeepsFewOfThem()
    {
        var cache = new PathDetailCache(entityCapacity: 1000, factCapacity: 0, evidencePerFact: 3);
        var once = Enumerable.Range(0, 5000).Select(i => new EntitySummary($"per_{i:D6}", EntityKind.Person, $"Person {i}", [], 1, 1)).ToList();

        foreach (var entity in once)
        {
            cache.Fill(cache.Generation, [entity], []);
        }

        // only keys whose bit another key had set get in: about one in eight
        Assert.InRange(cache.Entities.Count, 0, once.Count / 4);
    }

    [Fact]
    public void Set_PastCapacity_EvictsUnreadEntriesBeforeRecentlyReadOnes()
    {
        var cache = new BoundedCache<int, string>(capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            cache.Set(i, "v" + i);
        }

        var hot = Enumerable.Range(0, 100).Where(i => i % 10 == 0).ToList();
        foreach (var key in hot)
        {
            Assert.True(cache.TryGet(key, out _));
        }

        for (var i = 100; i < 150; i++)
        {
            cache.Set(i, "v" + i);
        }

        Assert.InRange(cache.Count, 1, 100);
        Assert.All(hot, key => Assert.True(cache.TryGet(key, out var value) && value == "v" + key));
    }

    [Fact]
    public void Set_ZeroCapacity_KeepsNothing()
    {
        var cache = new BoundedCache<string, string>(capacity: 0);

        cache.Set("a", "b");

        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    private async Task<string> UncachedAnswerAsync(PathRequest request)
    {
        var uncached = await Files.OpenInitializedAsync(new FakeTimeProvider(TestData.Epoch), o => (o.CachedEntities, o.CachedFacts) = (0, 0));
        var answer = await uncached.FindPathsAsync(request, Ct);
        Assert.Equal(0, uncached.DetailCache.Facts.Count);
        return Json(answer);
    }

    // the elapsed time differs between calls; the paths are what must match
    private static string Json(PathResult result) => JsonSerializer.Serialize(result.Paths);

    private static List<string> Quotes(PathResult result) => [.. result.Paths.SelectMany(p => p.Hops).SelectMany(h => h.Evidence).Select(e => e.Quote)];
}
