using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;
using RelationGraph.Core.Reading;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// Reads, extracts and stores documents: sources → bounded channel → N parallel read+extract workers →
/// bounded channel → one writer that hands the store batches of documents. Shared by <c>relgraph ingest</c>,
/// <c>relgraph watch</c> and <c>POST /api/documents</c>.
/// </summary>
/// <remarks>
/// A document whose content hash and extractor version match the store is skipped before extraction.
/// Each document is applied in its own store transaction, and every id is a deterministic hash, so a job
/// killed at any moment and run again converges on the graph an uninterrupted run gives. Bad input becomes
/// a failed outcome and the job goes on; only an unreachable store stops it
/// (<see cref="StoreUnavailableException"/>).
/// </remarks>
public sealed partial class IngestionPipeline(
    IDocumentReader reader,
    IDocumentExtractor extractor,
    IGraphStore store,
    IngestionOptions options,
    TimeProvider timeProvider,
    ILogger<IngestionPipeline> logger)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    private readonly IngestionOptions _options = Validate(options);
    private readonly DocumentLoader _loader = new(reader, options.MaxDocumentBytes);
    private readonly Identity.CrossDocumentIdentity _identity = new(store);

    private static IngestionOptions Validate(IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, "Ingestion:BatchSize");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDocumentBytes, 1, "Ingestion:MaxDocumentBytes");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxParallelism, "Ingestion:MaxParallelism");
        ArgumentOutOfRangeException.ThrowIfNegative(options.BulkLoadMinDocuments, "Ingestion:BulkLoadMinDocuments");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FlushInterval, TimeSpan.Zero, "Ingestion:FlushInterval");
        return options;
    }

    /// <summary>The extractor version this pipeline records (and compares to skip unchanged documents).</summary>
    public string ExtractorVersion => extractor.Version;

    /// <summary>
    /// Runs a job over <paramref name="sources"/> until they are exhausted or <paramref name="cancellationToken"/>
    /// fires; on cancellation intake stops, documents already extracted are written, and the report says
    /// <see cref="IngestionReport.Cancelled"/>.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store could not be reached; what was written stays written.</exception>
    public async Task<IngestionReport> RunAsync(
        IEnumerable<IngestionSource> sources,
        int? expectedTotal = null,
        IProgress<IngestionProgress>? progress = null,
        IReadOnlyList<string>? ignored = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var bulkLoad = await TryBeginBulkLoadAsync(expectedTotal, cancellationToken);
        IngestionReport report;
        try
        {
            report = await RunJobAsync(sources, expectedTotal, progress, ignored, cancellationToken);
        }
        catch when (bulkLoad is not null)
        {
            // the job's own error is what the caller sees
            await EndBulkLoadAsync(bulkLoad);
            throw;
        }

        // also after a graceful stop (Ctrl+C): the store is left with all its indexes
        if (bulkLoad is not null)
        {
            var documents = report.Totals.Documents;
            progress?.Report(new IngestionProgress(documents.Total, expectedTotal, documents.Failed, report.FinishedAt - report.StartedAt, 0, BuildingIndexes: true));
            await EndBulkLoadAsync(bulkLoad);
        }

        return report;
    }

    // A large job into an empty store that can bulk load runs as one; null when it does not.
    private async Task<IBulkLoadStore?> TryBeginBulkLoadAsync(int? expectedTotal, CancellationToken cancellationToken)
    {
        if (store is not IBulkLoadStore bulk || _options.BulkLoadMinDocuments == 0 || expectedTotal is null || expectedTotal < _options.BulkLoadMinDocuments)
        {
            return null;
        }

        try
        {
            if (!await bulk.TryBeginBulkLoadAsync(cancellationToken))
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.StoreUnavailable(ex);
            throw new StoreUnavailableException("The graph store is unavailable: " + ex.Message, ex);
        }

        logger.BulkLoadStarted(expectedTotal.Value);
        return bulk;
    }

    // Every document the job wrote is committed whether or not this succeeds: a failure is logged, not thrown, and the
    // store builds the missing indexes before its next job, changed document or removal, and whenever it is opened.
    private async Task EndBulkLoadAsync(IBulkLoadStore bulk)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            await bulk.EndBulkLoadAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.BulkLoadEndFailed(ex);
            return;
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        logger.BulkLoadEnded(elapsed);
    }

    private async Task<IngestionReport> RunJobAsync(
        IEnumerable<IngestionSource> sources,
        int? expectedTotal,
        IProgress<IngestionProgress>? progress,
        IReadOnlyList<string>? ignored,
        CancellationToken cancellationToken)
    {
        var startedAt = timeProvider.GetUtcNow();
        var started = timeProvider.GetTimestamp();
        var workers = _options.EffectiveParallelism;
        logger.IngestionStarted(expectedTotal, workers, _options.BatchSize, ExtractorVersion);

        var intake = Channel.CreateBounded<IngestionSource>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
        var prepared = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(Math.Max(_options.BatchSize * 2, workers * 2)) { SingleReader = true });
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var producer = Task.Run(() => ProduceAsync(sources, intake.Writer, abort.Token), CancellationToken.None);
        var workerTasks = Enumerable.Range(0, workers)
            .Select(_ => Task.Run(() => WorkAsync(intake.Reader, prepared.Writer, abort), CancellationToken.None))
            .ToArray();
        _ = Task.WhenAll(workerTasks).ContinueWith(_ => prepared.Writer.TryComplete(), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var writer = new Writer(this, _options, timeProvider, expectedTotal, progress, started);
        try
        {
            await writer.RunAsync(prepared.Reader);
        }
        catch
        {
            await abort.CancelAsync();
            throw;
        }
        finally
        {
            await producer;
            await Task.WhenAll(workerTasks).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        // a worker that met an unreachable store stopped the job: say so rather than report a partial run as done
        var storeFailure = workerTasks.Where(t => t.IsFaulted).Select(t => t.Exception!.GetBaseException()).FirstOrDefault();
        if (storeFailure is not null)
        {
            throw storeFailure is StoreUnavailableException ? storeFailure : new StoreUnavailableException(storeFailure.Message, storeFailure);
        }

        var totals = writer.Tally.Totals();
        var elapsed = timeProvider.GetElapsedTime(started);
        var cancelled = cancellationToken.IsCancellationRequested;
        logger.IngestionFinished(elapsed, totals.Documents.Ingested, totals.Documents.Updated, totals.Documents.Unchanged, totals.Documents.Failed, cancelled);
        progress?.Report(writer.Snapshot());
        return new IngestionReport(startedAt, timeProvider.GetUtcNow(), cancelled, ExtractorVersion, totals, writer.Tally.Documents, ignored ?? []);
    }

    /// <summary>Ingests one document now (the HTTP upload path): same reading, skip check, extraction and store write as a job.</summary>
    /// <exception cref="StoreUnavailableException">The store could not be reached.</exception>
    public async Task<DocumentOutcome> IngestOneAsync(IngestionSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var item = await PrepareAsync(source, cancellationToken);
        if (item.Outcome is not null)
        {
            LogIfFailed(item.Outcome);
            return item.Outcome;
        }

        DocumentOutcome? outcome = null;
        await ApplyAsync([item], (o, _) => outcome = o);
        LogIfFailed(outcome!);
        return outcome!;
    }

    private static async Task ProduceAsync(IEnumerable<IngestionSource> sources, ChannelWriter<IngestionSource> output, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var source in sources)
            {
                await output.WriteAsync(source, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // intake stops; what is already in flight is finished by the workers and the writer
        }
        finally
        {
            output.TryComplete();
        }
    }

    private async Task WorkAsync(ChannelReader<IngestionSource> input, ChannelWriter<Prepared> output, CancellationTokenSource abort)
    {
        var cancellationToken = abort.Token;
        try
        {
            await foreach (var source in input.ReadAllAsync(cancellationToken))
            {
                var item = await PrepareAsync(source, cancellationToken);
                await output.WriteAsync(item, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // cancelled: the document in hand was not written, so a re-run will do it
        }
        catch
        {
            await abort.CancelAsync();
            throw;
        }
    }

    /// <summary>Reads a source, skips it when unchanged, extracts it otherwise. Never throws for bad input.</summary>
    private async Task<Prepared> PrepareAsync(IngestionSource source, CancellationToken cancellationToken)
    {
        var (document, failure) = await _loader.LoadAsync(source, cancellationToken);
        // whatever the reader: text the store, hashing and JSON cannot carry fails here, alone, not as a store error
        if (document is not null && DocumentRules.DocumentError(document) is { } invalid)
        {
            (document, failure) = (null, DocumentOutcome.Failed(source.SourceUri, null, DocumentRules.InvalidText, invalid));
        }

        if (document is null)
        {
            return new Prepared(source, null, failure, 0);
        }

        var bytes = Encoding.UTF8.GetByteCount(document.Text);
        StoredDocumentState? state;
        try
        {
            state = await store.GetDocumentStateAsync(document.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StoreUnavailableException("The graph store could not be read: " + ex.Message, ex);
        }

        if (state is not null && state.ContentHash == document.ContentHash && state.ExtractorVersion == extractor.Version)
        {
            return new Prepared(source, null, DocumentOutcome.Unchanged(source.SourceUri, document.Id), bytes);
        }

        try
        {
            var batch = await extractor.ExtractAsync(document, cancellationToken);
            return new Prepared(source, batch, null, bytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.ExtractionThrew(source.SourceUri, ex);
            return new Prepared(source, null, DocumentOutcome.Failed(source.SourceUri, document.Id, DocumentErrorCodes.ExtractionFailed, "the extractor failed: " + ex.Message), bytes);
        }
    }

    private void LogIfFailed(DocumentOutcome outcome)
    {
        if (outcome.Status == DocumentStatus.Failed)
        {
            logger.DocumentFailed(outcome.Source, outcome.ErrorCode!, outcome.Error!);
        }
    }

    /// <summary>A source after reading and extraction: either a batch to write or an outcome already settled.</summary>
    private sealed record Prepared(IngestionSource Source, DocumentGraph? Batch, DocumentOutcome? Outcome, long Bytes);
}
