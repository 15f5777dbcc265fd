using Microsoft.Extensions.Logging;

namespace RelationGraph.Core.Ingestion;

// Core's event ids are the 1000s; ingestion takes 1500–1599 and identity judgements 1600–1609, so the extractor keeps the rest.
internal static partial class Log
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information,
        Message = "Ingestion started: {Expected} documents expected, {Workers} workers, batches of {BatchSize}, extractor {Extractor}")]
    public static partial void IngestionStarted(this ILogger logger, int? expected, int workers, int batchSize, string extractor);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information,
        Message = "Ingestion finished in {Elapsed}: {Ingested} ingested, {Updated} updated, {Unchanged} unchanged, {Failed} failed; cancelled {Cancelled}")]
    public static partial void IngestionFinished(this ILogger logger, TimeSpan elapsed, int ingested, int updated, int unchanged, int failed, bool cancelled);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning,
        Message = "Document {Source} failed: {ErrorCode}: {Error}")]
    public static partial void DocumentFailed(this ILogger logger, string source, string errorCode, string error);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Debug,
        Message = "Wrote a batch of {Count} documents in {Elapsed}")]
    public static partial void BatchWritten(this ILogger logger, int count, TimeSpan elapsed);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Error,
        Message = "The store is unavailable; the job stops")]
    public static partial void StoreUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Error,
        Message = "Extraction of {Source} threw")]
    public static partial void ExtractionThrew(this ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Information,
        Message = "Bulk load of {Expected} documents into an empty store: its indexes are built once the documents are written")]
    public static partial void BulkLoadStarted(this ILogger logger, int expected);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Information, Message = "Built the indexes the bulk load deferred in {Elapsed}")]
    public static partial void BulkLoadEnded(this ILogger logger, TimeSpan elapsed);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Error,
        Message = "Could not build the indexes the bulk load deferred; every document is stored, and the store builds them before its next job, changed document or removal, and when it is next opened")]
    public static partial void BulkLoadEndFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information,
        Message = "Judgement {JudgementId} made: {Kind} {EntityId} / {OtherId} by {Author}; applying it to {Documents} documents")]
    public static partial void JudgementMade(this ILogger logger, string judgementId, Identity.Judgements.JudgementKind kind, string entityId, string otherId, string author, int documents);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information,
        Message = "Judgement {JudgementId} revoked by {Author}; applying {Documents} documents without it")]
    public static partial void JudgementRevoked(this ILogger logger, string judgementId, string author, int documents);
}
