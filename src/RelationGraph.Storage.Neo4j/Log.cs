using Microsoft.Extensions.Logging;

namespace RelationGraph.Storage.Neo4j;

internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Neo4j schema ensured at {Url} ({StatementCount} statements; {EntitiesLinked} entities given name-key nodes)")]
    public static partial void SchemaEnsured(this ILogger logger, Uri url, int statementCount, int entitiesLinked);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Neo4j attempt {Attempt} failed ({Code}): {Reason}; retrying in {Delay}")]
    public static partial void Retrying(this ILogger logger, int attempt, string? code, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Neo4j statement {Statement} returned {RowCount} rows")]
    public static partial void StatementRan(this ILogger logger, string statement, int rowCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Document {DocumentId} applied to Neo4j: {Outcome}")]
    public static partial void DocumentApplied(this ILogger logger, string documentId, Core.Storage.ApplyOutcome outcome);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Rolling back Neo4j transaction {TransactionId} failed: {Reason}")]
    public static partial void RollbackFailed(this ILogger logger, string transactionId, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Neo4j path query timed out after {Timeout}")]
    public static partial void PathQueryTimedOut(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information,
        Message = "Document {DocumentId} removed from Neo4j with {EvidenceRemoved} evidence: facts -{FactsRemoved} ({FactsUpdated} adjusted), entities -{EntitiesRemoved}")]
    public static partial void DocumentRemoved(this ILogger logger, string documentId, int evidenceRemoved, int factsRemoved, int factsUpdated, int entitiesRemoved);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information,
        Message = "Neo4j running totals brought up to date at {Url}: {FactsFilled} facts, {MentionsStamped} mentions and {EvidenceStamped} evidence written before them")]
    public static partial void RunningTotalsFilled(this ILogger logger, Uri url, int factsFilled, int mentionsStamped, int evidenceStamped);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information,
        Message = "Neo4j entities stored before cross-document identity given their identity keys: {EntitiesLinked} of {EntitiesRead} read")]
    public static partial void IdentityKeysBackfilled(this ILogger logger, int entitiesLinked, int entitiesRead);
}
