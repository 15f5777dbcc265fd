using System.Diagnostics;
using System.Threading.Channels;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Ingestion;

// Writing: the single writer that batches prepared documents for the store and settles their outcomes.
public sealed partial class IngestionPipeline
{
    /// <summary>
    /// Hands the store a batch and settles each document by the store's own outcome for it. The store reports a document
    /// it refuses as failed and writes the others; it throws only when it is unavailable, which stops the job.
    /// </summary>
    private async Task ApplyAsync(IReadOnlyList<Prepared> items, Action<DocumentOutcome, long> settle)
    {
        var watch = Stopwatch.StartNew();
        IReadOnlyList<ApplyResult> results;
        try
        {
            // read for every batch: a judgement made meanwhile (by this process or another) applies from the next one
            var judgements = new IdentityJudgementSet(await store.ListJudgementsAsync(CancellationToken.None));
            // not cancellable: a batch that has started is finished, which is what "stop after the current batch" means.
            // The cross-document identity stage never joins entities a user judged different (or unjoined); then the judgements apply.
            var graphs = await _identity.ResolveAsync([.. items.Select(i => i.Batch!)], judgements.KeepApart, CancellationToken.None);
            results = await store.ApplyAsync([.. graphs.Select(judgements.Apply)], CancellationToken.None);
        }
        catch (StoreUnavailableException ex)
        {
            // the store said why itself (locked by another writer, say): keep its words
            logger.StoreUnavailable(ex);
            throw;
        }
        catch (Exception ex)
        {
            logger.StoreUnavailable(ex);
            throw new StoreUnavailableException("The graph store is unavailable: " + ex.Message, ex);
        }

        logger.BatchWritten(items.Count, watch.Elapsed);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var id = item.Batch!.Document.Id;
            if (i >= results.Count || results[i].DocumentId != id)
            {
                settle(DocumentOutcome.Failed(item.Source.SourceUri, id, DocumentErrorCodes.StoreRejected, "the store returned no result for the document"), item.Bytes);
                continue;
            }

            var result = results[i];
            var status = result.Outcome switch
            {
                ApplyOutcome.Added => DocumentStatus.Ingested,
                ApplyOutcome.Updated => DocumentStatus.Updated,
                ApplyOutcome.Unchanged => DocumentStatus.Unchanged,
                _ => DocumentStatus.Failed,
            };
            if (status is DocumentStatus.Ingested or DocumentStatus.Updated && item.Batch.ExtractedLength is { } read)
            {
                // stored, but the extractor read only the start of the text: say so rather than report it whole
                settle(new DocumentOutcome(item.Source.SourceUri, id, DocumentStatus.Truncated, DocumentErrorCodes.Truncated,
                    $"only the first {read:N0} of {item.Batch.Document.Text.Length:N0} characters were extracted", result.Entities, result.Facts, result.Evidence), item.Bytes);
                continue;
            }

            settle(status == DocumentStatus.Failed
                ? DocumentOutcome.Failed(item.Source.SourceUri, id, DocumentErrorCodes.StoreRejected, result.Error ?? $"the store answered {result.Outcome}")
                : new DocumentOutcome(item.Source.SourceUri, id, status, null, null, result.Entities, result.Facts, result.Evidence), item.Bytes);
        }
    }

    /// <summary>Documents in a job's first store batch; each next one doubles, up to <see cref="IngestionOptions.BatchSize"/>.</summary>
    internal const int FirstBatchSize = 32;

    /// <summary>The single writer: batches documents for the store, settles outcomes, reports progress.</summary>
    private sealed class Writer(IngestionPipeline pipeline, IngestionOptions options, TimeProvider timeProvider, int? expectedTotal, IProgress<IngestionProgress>? progress, long started)
    {
        private readonly List<Prepared> _pending = [];
        private readonly Dictionary<string, string> _sourceById = new(StringComparer.Ordinal);
        private long _bytes;
        private long _lastReport;

        public IngestionTally Tally { get; } = new();

        public async Task RunAsync(ChannelReader<Prepared> input)
        {
            // The first batches are small and double up to BatchSize: at the start of a job the writer would otherwise
            // wait idle until a whole batch is extracted.
            var batchSize = Math.Min(options.BatchSize, FirstBatchSize);
            while (await input.WaitToReadAsync(CancellationToken.None))
            {
                while (_pending.Count < batchSize && input.TryRead(out var item))
                {
                    Accept(item);
                }

                if (_pending.Count >= batchSize || (_pending.Count > 0 && !await MoreSoonAsync(input)))
                {
                    await FlushAsync();
                    batchSize = Math.Min(options.BatchSize, batchSize * 2);
                }
            }

            await FlushAsync();
        }

        public IngestionProgress Snapshot() =>
            new(Tally.Done, expectedTotal, Tally.Failed, timeProvider.GetElapsedTime(started), _bytes);

        private void Accept(Prepared item)
        {
            var id = item.Batch?.Document.Id ?? item.Outcome?.DocumentId;
            if (id is not null && _sourceById.TryGetValue(id, out var first))
            {
                Settle(DocumentOutcome.Failed(item.Source.SourceUri, id, DocumentErrorCodes.DuplicateId,
                    $"{first} in this job has the same document id; only the first is ingested"), item.Bytes);
                return;
            }

            if (id is not null)
            {
                _sourceById[id] = item.Source.SourceUri;
            }

            if (item.Outcome is not null)
            {
                Settle(item.Outcome, item.Bytes);
            }
            else
            {
                _pending.Add(item);
            }
        }

        // a partial batch waits a moment for company, so a trickle of documents still gets batched
        private async Task<bool> MoreSoonAsync(ChannelReader<Prepared> input)
        {
            using var linger = new CancellationTokenSource(options.FlushInterval, timeProvider);
            try
            {
                return await input.WaitToReadAsync(linger.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private async Task FlushAsync()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var items = _pending.ToArray();
            _pending.Clear();
            await pipeline.ApplyAsync(items, Settle);
            Report(force: true);
        }

        private void Settle(DocumentOutcome outcome, long bytes)
        {
            Tally.Add(outcome);
            _bytes += bytes;
            pipeline.LogIfFailed(outcome);
            Report(force: false);
        }

        private void Report(bool force)
        {
            if (progress is null)
            {
                return;
            }

            var now = timeProvider.GetTimestamp();
            if (force || timeProvider.GetElapsedTime(_lastReport, now) >= ProgressInterval)
            {
                _lastReport = now;
                progress.Report(Snapshot());
            }
        }
    }
}
