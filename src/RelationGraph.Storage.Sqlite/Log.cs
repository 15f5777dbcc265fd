using Microsoft.Extensions.Logging;

namespace RelationGraph.Storage.Sqlite;

internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "SQLite store opened at {DataSource}")]
    public static partial void StoreOpened(this ILogger logger, string dataSource);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Path index built: {NodeCount} entities, {EdgeCount} facts in {ElapsedMilliseconds} ms")]
    public static partial void IndexBuilt(this ILogger logger, int nodeCount, int edgeCount, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug,
        Message = "Applied document {DocumentId}: {Outcome}, facts +{FactsAdded}/~{FactsUpdated}/-{FactsRemoved}")]
    public static partial void DocumentApplied(this ILogger logger, string documentId, string outcome, int factsAdded, int factsUpdated, int factsRemoved);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "SQLite was busy or locked (error {ErrorCode}); retry {Attempt} in {DelayMilliseconds} ms")]
    public static partial void RetryingBusy(this ILogger logger, int errorCode, int attempt, double delayMilliseconds);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Path search {FromId} -> {ToId} hit its time limit after {ElapsedMilliseconds} ms")]
    public static partial void PathSearchTimedOut(this ILogger logger, string fromId, string toId, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "A batch of {DocumentCount} documents was rolled back; writing them one transaction each")]
    public static partial void BatchRolledBack(this ILogger logger, int documentCount, Exception exception);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Background WAL checkpoint failed; the log keeps the pages and the next checkpoint retries")]
    public static partial void CheckpointFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information,
        Message = "Moved the mentions of {DocumentCount} documents from the old mentions table into their documents in {ElapsedMilliseconds} ms")]
    public static partial void MentionsMigrated(this ILogger logger, long documentCount, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information,
        Message = "Indexed {NameCount} entity names under their identity keys (a store from before cross-document identity) in {ElapsedMilliseconds} ms")]
    public static partial void EntityKeysBackfilled(this ILogger logger, long nameCount, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information,
        Message = "Indexed {KeyCount} entity name keys for search (a store from before the search index) in {ElapsedMilliseconds} ms")]
    public static partial void EntitySearchBackfilled(this ILogger logger, long keyCount, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information,
        Message = "Removed document {DocumentId} with {EvidenceRemoved} evidence: facts -{FactsRemoved} (~{FactsUpdated} recounted), entities -{EntitiesRemoved}")]
    public static partial void DocumentRemoved(this ILogger logger, string documentId, int evidenceRemoved, int factsRemoved, int factsUpdated, int entitiesRemoved);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information,
        Message = "Path index caught up with other writers (log {FromSeq} -> {ToSeq}): {Entities} entities, {Facts} facts read again in {ElapsedMilliseconds} ms")]
    public static partial void IndexCaughtUp(this ILogger logger, long fromSeq, long toSeq, int entities, int facts, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information,
        Message = "Path index rebuilt after other writers' commits (log {FromSeq} -> {ToSeq}, more than the log lists): {NodeCount} entities, {EdgeCount} facts in {ElapsedMilliseconds} ms")]
    public static partial void IndexRebuiltForOtherWriters(this ILogger logger, long fromSeq, long toSeq, int nodeCount, int edgeCount, long elapsedMilliseconds);
}
