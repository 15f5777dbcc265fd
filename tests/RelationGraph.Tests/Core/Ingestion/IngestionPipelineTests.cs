using Microsoft.Extensions.Logging.Abstractions;
using RelationGraph.Core.Ingestion;
using RelationGraph.Tests.Storage.Sqlite;

namespace RelationGraph.Tests.Core.Ingestion;

public sealed class IngestionPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IngestionReport> IngestFolderAsync(IngestionPipeline pipeline, string folder, CancellationToken cancellationToken)
    {
        var sources = SourceDiscovery.Discover([folder], Environment.CurrentDirectory);
        return await pipeline.RunAsync(sources.Enumerate(), sources.CountDocuments(), ignored: sources.Ignored, cancellationToken: cancellationToken);
    }

    private static DocumentOutcome Outcome(IngestionReport report, string source) =>
        Assert.Single(report.Documents, d => d.Source == source);

    [Fact]
    public async Task RunAsync_GoodAndBadFiles_EachGetsItsOwnOutcome()
    {
        using var corpus = new TempFolder();
        corpus.Write("good.txt", "Ann Archer knows Ben Bishop.");
        corpus.Write("sub/also-good.md", "Cat Cole knows Dan Dorn.");
        corpus.Write("empty.txt", "   \n");
        corpus.Write("binary.txt", [0x4D, 0x5A, 0x00, 0x01, 0x02]);
        corpus.Write("latin1.txt", [0x63, 0x61, 0x66, 0xE9]);
        corpus.Write("huge.txt", new string('x', 2_000));
        corpus.Write("crash.txt", "EXPLODE here.");
        corpus.Write("feed.jsonl", """
            {"id": "a1", "title": "One", "text": "Eve Eaton knows Fay Ford."}
            {"id": "a2", "text": "Gil Gray knows Hal Hunt.
            {"id": "a3", "title": "no text"}

            {"text": "Ivy Irwin knows Jon Judd.", "publishedAt": "2025-02-30"}
            {"url": "https://example.org/k", "text": "Kim Kerr knows Lee Lane."}
            """);
        corpus.Write("picture.png", [0x89, 0x50]);
        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { MaxDocumentBytes = 1_000 });

        var report = await IngestFolderAsync(pipeline, corpus.Path, Ct);

        Assert.Equal(DocumentStatus.Ingested, Outcome(report, "corpus/good.txt").Status);
        Assert.Equal(DocumentStatus.Ingested, Outcome(report, "corpus/sub/also-good.md").Status);
        Assert.Equal("empty", Outcome(report, "corpus/empty.txt").ErrorCode);
        Assert.Equal("binary", Outcome(report, "corpus/binary.txt").ErrorCode);
        Assert.Equal("invalid-utf8", Outcome(report, "corpus/latin1.txt").ErrorCode);
        Assert.Equal("too-large", Outcome(report, "corpus/huge.txt").ErrorCode);
        Assert.Equal("extraction-failed", Outcome(report, "corpus/crash.txt").ErrorCode);
        Assert.Equal(DocumentStatus.Ingested, Outcome(report, "corpus/feed.jsonl#L1").Status);
        Assert.Equal("malformed-json", Outcome(report, "corpus/feed.jsonl#L2").ErrorCode);
        Assert.Contains("text", Outcome(report, "corpus/feed.jsonl#L3").Error, StringComparison.Ordinal);
        Assert.Contains("publishedAt", Outcome(report, "corpus/feed.jsonl#L5").Error, StringComparison.Ordinal);
        Assert.Equal(DocumentStatus.Ingested, Outcome(report, "corpus/feed.jsonl#L6").Status);
        Assert.Contains(report.Ignored, p => p.EndsWith("picture.png", StringComparison.Ordinal));
        Assert.Equal(new DocumentTotals(12, 4, 0, 0, 8), report.Totals.Documents);
        Assert.Equal(4, store.DocumentIds.Count);
        Assert.Equal(4, report.Totals.Evidence.Added);
    }

    [Fact]
    public async Task RunAsync_SecondRun_SkipsEveryDocumentBeforeExtraction()
    {
        using var corpus = new TempFolder();
        for (var i = 0; i < 20; i++)
        {
            corpus.Write($"doc{i}.txt", $"Person{i} Alpha knows Person{i} Beta.");
        }

        var store = new RecordingStore();
        var extractor = new KnowsExtractor();
        var pipeline = Pipelines.Create(store, extractor);
        await IngestFolderAsync(pipeline, corpus.Path, Ct);
        var applyCalls = store.BatchSizes.Count;

        var second = await IngestFolderAsync(pipeline, corpus.Path, Ct);

        Assert.Equal(new DocumentTotals(20, 0, 0, 20, 0), second.Totals.Documents);
        Assert.Equal(20, extractor.Calls);
        Assert.Equal(applyCalls, store.BatchSizes.Count);
        Assert.Equal(default, second.Totals.Evidence);
    }

    [Fact]
    public async Task RunAsync_NewExtractorVersion_ReExtractsUnchangedText()
    {
        using var corpus = new TempFolder();
        corpus.Write("a.txt", "Ann Archer knows Ben Bishop.");
        var store = new RecordingStore();
        await IngestFolderAsync(Pipelines.Create(store, new KnowsExtractor()), corpus.Path, Ct);

        var report = await IngestFolderAsync(Pipelines.Create(store, new KnowsExtractor { Version = "2" }), corpus.Path, Ct);

        Assert.Equal(DocumentStatus.Updated, Assert.Single(report.Documents).Status);
    }

    [Fact]
    public async Task RunAsync_OneDocumentEdited_OnlyItIsRewritten()
    {
        using var corpus = new TempFolder();
        corpus.Write("a.txt", "Ann Archer knows Ben Bishop. Cat Cole knows Dan Dorn.");
        corpus.Write("b.txt", "Eve Eaton knows Fay Ford.");
        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor());
        await IngestFolderAsync(pipeline, corpus.Path, Ct);
        corpus.Write("a.txt", "Ann Archer knows Ben Bishop.");

        var report = await IngestFolderAsync(pipeline, corpus.Path, Ct);

        var edited = Outcome(report, "corpus/a.txt");
        Assert.Equal(DocumentStatus.Updated, edited.Status);
        Assert.Equal(new(0, 0, 1), edited.Evidence);
        Assert.Equal(DocumentStatus.Unchanged, Outcome(report, "corpus/b.txt").Status);
        Assert.Single(store.EvidenceOf(edited.DocumentId!));
    }

    [Fact]
    public async Task RunAsync_ManyDocuments_WritesInBatchesNotOneByOne()
    {
        var sources = Enumerable.Range(0, 300)
            .Select(i => new ContentSource($"mem/{i}.txt", "Ann Archer knows Ben Bishop.\n"u8.ToArray().Concat(BitConverter.GetBytes(i).Select(b => (byte)('a' + (b % 26)))).ToArray(), "text/plain"))
            .ToList();
        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { BatchSize = 64, FlushInterval = TimeSpan.FromSeconds(5) });

        var report = await pipeline.RunAsync(sources, sources.Count, cancellationToken: Ct);

        Assert.Equal(300, report.Totals.Documents.Ingested);
        Assert.All(store.BatchSizes, size => Assert.InRange(size, 1, 64));
        Assert.Equal(300, store.BatchSizes.Sum());
        Assert.InRange(store.BatchSizes.Count, 5, 8);
    }

    [Fact]
    public async Task RunAsync_LongJob_FirstBatchesAreSmallAndDoubleUpToTheBatchSize()
    {
        // the writer starts once 32 documents are extracted instead of idling until a whole batch is
        var sources = Enumerable.Range(0, 1000)
            .Select(i => new ContentSource($"mem/{i}.txt", System.Text.Encoding.UTF8.GetBytes($"Ann Archer knows Ben Bishop, note {i}."), "text/plain"))
            .ToList();
        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { BatchSize = 512, FlushInterval = TimeSpan.FromSeconds(30) });

        var report = await pipeline.RunAsync(sources, sources.Count, cancellationToken: Ct);

        Assert.Equal(1000, report.Totals.Documents.Ingested);
        Assert.Equal([32, 64, 128, 256, 512, 8], store.BatchSizes);
    }

    [Fact]
    public async Task RunAsync_StoreRejectsOneDocument_OnlyThatOneFails()
    {
        using var corpus = new TempFolder();
        for (var i = 0; i < 10; i++)
        {
            corpus.Write($"doc{i}.txt", $"Person{i} Alpha knows Person{i} Beta.");
        }

        corpus.Write("poison.txt", "POISON knows Nobody.");
        var store = new RecordingStore();

        var report = await IngestFolderAsync(Pipelines.Create(store, new KnowsExtractor()), corpus.Path, Ct);

        Assert.Equal("store-rejected", Outcome(report, "corpus/poison.txt").ErrorCode);
        Assert.Equal(10, report.Totals.Documents.Ingested);
        Assert.Equal(10, store.DocumentIds.Count);
    }

    [Fact]
    public async Task RunAsync_OneDocumentOfABatchFailsAtCommitInSqlite_ReportsTheTenWrittenAsIngestedAndOnlyItAsFailed()
    {
        using var corpus = new TempFolder();
        for (var i = 0; i < 11; i++)
        {
            corpus.Write($"doc{i:D2}.txt", $"Person{i} Alpha knows Person{i} Beta.");
        }

        await using var files = new SqliteTestFiles();
        var store = await files.OpenInitializedAsync();
        // in the middle of the batch: the store writes the documents before it, then those after it
        store.BeforeCommit = batch =>
        {
            if (batch.Document.SourceUri == "corpus/doc05.txt")
            {
                throw new InvalidOperationException("injected failure at commit");
            }
        };
        // one worker keeps the files in order, and all eleven go to the store in one batch
        var options = new IngestionOptions { MaxParallelism = 1, FlushInterval = TimeSpan.FromSeconds(30) };
        var pipeline = new IngestionPipeline(new StrictTextReader(), new KnowsExtractor(), store, options, TimeProvider.System, NullLogger<IngestionPipeline>.Instance);

        var report = await IngestFolderAsync(pipeline, corpus.Path, Ct);

        Assert.Equal(new DocumentTotals(11, 10, 0, 0, 1), report.Totals.Documents);
        var failed = Outcome(report, "corpus/doc05.txt");
        Assert.Equal(DocumentErrorCodes.StoreRejected, failed.ErrorCode);
        Assert.Contains("injected failure at commit", failed.Error, StringComparison.Ordinal);
        Assert.Equal(10, (await store.CountAsync(Ct)).Documents);
        Assert.Equal(10, report.Totals.Evidence.Added);
    }

    [Fact]
    public async Task RunAsync_TextLongerThanTheExtractorReads_IsStoredAndReportedTruncated()
    {
        using var corpus = new TempFolder();
        corpus.Write("short.txt", "Ann Archer joined Acme Widget Corp. in 2019.");
        corpus.Write("long.txt", "Ann Archer joined Acme Widget Corp. in 2019. " + string.Concat(Enumerable.Repeat("More words follow here. ", 20)));
        await using var files = new SqliteTestFiles();
        var store = await files.OpenInitializedAsync();
        var options = new IngestionOptions { MaxParallelism = 1 };
        var pipeline = new IngestionPipeline(new StrictTextReader(), new RelationGraph.Core.Extraction.RuleBasedExtractor(maxTextLength: 100), store, options,
            TimeProvider.System, NullLogger<IngestionPipeline>.Instance);

        var report = await IngestFolderAsync(pipeline, corpus.Path, Ct);

        Assert.Equal(DocumentStatus.Ingested, Outcome(report, "corpus/short.txt").Status);
        var truncated = Outcome(report, "corpus/long.txt");
        Assert.Equal(DocumentStatus.Truncated, truncated.Status);
        Assert.Equal(DocumentErrorCodes.Truncated, truncated.ErrorCode);
        Assert.Contains("first 100 of", truncated.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await store.CountAsync(Ct)).Documents);
        Assert.Equal(2, report.Totals.Documents.Ingested);
    }

    [Fact]
    public async Task RunAsync_StoreDown_ThrowsStoreUnavailable()
    {
        using var corpus = new TempFolder();
        corpus.Write("a.txt", "Ann Archer knows Ben Bishop.");
        var store = new RecordingStore { Down = true };

        await Assert.ThrowsAsync<StoreUnavailableException>(() => IngestFolderAsync(Pipelines.Create(store, new KnowsExtractor()), corpus.Path, Ct));
    }

    [Fact]
    public async Task RunAsync_CancelledMidway_StopsIntakeAndKeepsWhatItReported()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        IEnumerable<IngestionSource> Sources()
        {
            for (var i = 0; i < 10_000; i++)
            {
                if (i == 200)
                {
                    cancel.Cancel();
                }

                yield return new ContentSource($"mem/{i}.txt", System.Text.Encoding.UTF8.GetBytes($"P{i} Alpha knows P{i} Beta."), "text/plain");
            }
        }

        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { BatchSize = 16 });

        var report = await pipeline.RunAsync(Sources(), 10_000, cancellationToken: cancel.Token);

        Assert.True(report.Cancelled);
        Assert.InRange(report.Totals.Documents.Total, 0, 400);
        Assert.Equal(report.Totals.Documents.Ingested, store.DocumentIds.Count);
        Assert.Equal(store.DocumentIds.Order(), report.Documents.Select(d => d.DocumentId!).Order());
    }

    [Fact]
    public async Task RunAsync_LargeJobIntoAnEmptyBulkLoadingStore_WritesEveryBatchInsideOneBulkLoad()
    {
        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { BatchSize = 16, BulkLoadMinDocuments = 100 });

        var progress = new List<(IngestionProgress Value, int WritesSoFar)>();
        var report = await pipeline.RunAsync(MemorySources(0, 150), 150, new SynchronousProgress(p => { lock (progress) { progress.Add((p, store.Writes.Count)); } }), cancellationToken: Ct);

        Assert.Equal(150, report.Totals.Documents.Ingested);
        // a long index build shows as such, after the last write and before the end of the load
        var building = Assert.Single(progress, p => p.Value.BuildingIndexes);
        Assert.Equal((150, 150), (building.Value.Done, building.Value.Total));
        Assert.Equal(store.Writes.Count - 1, building.WritesSoFar);
        Assert.Equal("begin", store.Writes[0]);
        Assert.Equal("end", store.Writes[^1]);
        Assert.All(store.Writes.Skip(1).SkipLast(1), write => Assert.Equal("apply", write));
    }

    [Fact]
    public async Task RunAsync_SmallJobOrStoreHoldingDocuments_WritesWithoutABulkLoad()
    {
        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { BatchSize = 16, BulkLoadMinDocuments = 100 });

        await pipeline.RunAsync(MemorySources(0, 99), 99, cancellationToken: Ct);
        await pipeline.RunAsync(MemorySources(99, 250), 151, cancellationToken: Ct);
        var turnedOff = new RecordingStore();
        await Pipelines.Create(turnedOff, new KnowsExtractor(), new IngestionOptions { BulkLoadMinDocuments = 0 }).RunAsync(MemorySources(0, 150), 150, cancellationToken: Ct);

        Assert.Equal(250, store.DocumentIds.Count);
        Assert.All(store.Writes, write => Assert.Equal("apply", write));
        Assert.Equal(150, turnedOff.DocumentIds.Count);
        Assert.All(turnedOff.Writes, write => Assert.Equal("apply", write));
    }

    [Fact]
    public async Task RunAsync_CancelledDuringABulkLoad_EndsItAfterTheLastWrite()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { BatchSize = 16, BulkLoadMinDocuments = 100 });

        var report = await pipeline.RunAsync(MemorySources(0, 10_000, cancelAt: (200, cancel)), 10_000, cancellationToken: cancel.Token);

        Assert.True(report.Cancelled);
        Assert.Equal(["begin", "end"], store.Writes.Where(write => write != "apply"));
        Assert.Equal("end", store.Writes[^1]);
    }

    [Fact]
    public async Task RunAsync_BulkLoadCannotEnd_StillReportsTheDocumentsItStored()
    {
        var store = new RecordingStore { FailBulkLoadEnd = true };
        var pipeline = Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { BatchSize = 16, BulkLoadMinDocuments = 100 });

        var report = await pipeline.RunAsync(MemorySources(0, 150), 150, cancellationToken: Ct);

        Assert.Equal(new DocumentTotals(150, 150, 0, 0, 0), report.Totals.Documents);
        Assert.Equal(150, store.DocumentIds.Count);
        Assert.Equal("end", store.Writes[^1]);
    }

    private static IEnumerable<IngestionSource> MemorySources(int from, int to, (int At, CancellationTokenSource Source)? cancelAt = null)
    {
        for (var i = from; i < to; i++)
        {
            if (cancelAt is { } cancel && i == cancel.At)
            {
                cancel.Source.Cancel();
            }

            yield return new ContentSource($"mem/{i}.txt", System.Text.Encoding.UTF8.GetBytes($"P{i} Alpha knows P{i} Beta."), "text/plain");
        }
    }

    [Fact]
    public async Task RunAsync_TwoRecordsWithOneId_SecondFailsAsDuplicate()
    {
        using var corpus = new TempFolder();
        corpus.Write("feed.jsonl", """
            {"id": "x", "text": "Ann Archer knows Ben Bishop."}
            {"id": "x", "text": "Cat Cole knows Dan Dorn."}
            """);
        var store = new RecordingStore();

        var report = await IngestFolderAsync(Pipelines.Create(store, new KnowsExtractor(), new IngestionOptions { MaxParallelism = 1 }), corpus.Path, Ct);

        Assert.Equal(DocumentStatus.Ingested, Outcome(report, "corpus/feed.jsonl#L1").Status);
        Assert.Equal("duplicate-id", Outcome(report, "corpus/feed.jsonl#L2").ErrorCode);
        Assert.Single(store.DocumentIds);
    }

    [Fact]
    public async Task RunAsync_Progress_ReachesTheTotal()
    {
        using var corpus = new TempFolder();
        for (var i = 0; i < 30; i++)
        {
            corpus.Write($"doc{i}.txt", $"Person{i} Alpha knows Person{i} Beta.");
        }

        var snapshots = new List<IngestionProgress>();
        var progress = new SynchronousProgress(snapshots.Add);
        var sources = SourceDiscovery.Discover([corpus.Path], Environment.CurrentDirectory);

        await Pipelines.Create(new RecordingStore(), new KnowsExtractor()).RunAsync(sources.Enumerate(), sources.CountDocuments(), progress, cancellationToken: Ct);

        var last = snapshots[^1];
        Assert.Equal(30, last.Done);
        Assert.Equal(30, last.Total);
        Assert.Equal(0, last.Failed);
        Assert.True(last.Bytes > 0);
    }

    [Fact]
    public async Task IngestOneAsync_SameContentTwice_SecondIsUnchanged()
    {
        var store = new RecordingStore();
        var pipeline = Pipelines.Create(store, new KnowsExtractor());
        var source = new ContentSource("api/1", "Ann Archer knows Ben Bishop."u8.ToArray(), "text/plain", Title: "Given title");

        var first = await pipeline.IngestOneAsync(source, Ct);
        var second = await pipeline.IngestOneAsync(source, Ct);

        Assert.Equal(DocumentStatus.Ingested, first.Status);
        Assert.Equal(new(1, 0, 0), first.Evidence);
        Assert.Equal(DocumentStatus.Unchanged, second.Status);
    }

    private sealed class SynchronousProgress(Action<IngestionProgress> report) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value) => report(value);
    }
}
