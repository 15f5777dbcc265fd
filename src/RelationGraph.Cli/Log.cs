using Microsoft.Extensions.Logging;

namespace RelationGraph.Cli;

internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "The graph store is unavailable")]
    public static partial void StoreUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Watching {Folder} (rescan every {Interval})")]
    public static partial void WatchStarted(this ILogger logger, string folder, TimeSpan interval);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information,
        Message = "Watch pass: {Ingested} ingested, {Updated} updated, {Unchanged} unchanged, {Failed} failed")]
    public static partial void WatchPass(this ILogger logger, int ingested, int updated, int unchanged, int failed);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Watch stopped")]
    public static partial void WatchStopped(this ILogger logger);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "The file watcher failed; rescanning the folder instead")]
    public static partial void WatcherError(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information,
        Message = "{Path} was deleted: removed its document {DocumentId} (evidence -{Evidence}; facts -{Facts} ~{FactsUpdated}; entities -{Entities} ~{EntitiesUpdated})")]
    public static partial void DeletedFileRemoved(this ILogger logger, string path, string documentId, int evidence, int facts, int factsUpdated, int entities, int entitiesUpdated);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "{Path} was deleted: its document {DocumentId} stays in the graph (--keep-deleted)")]
    public static partial void DeletedFileKept(this ILogger logger, string path, string documentId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information,
        Message = "Feed {Path} was deleted: the documents from its records stay in the graph, since a record may live on in another feed. " +
            "Remove them with 'relgraph remove <document-id>...' (ids from GET /api/documents or relgraph export)")]
    public static partial void DeletedFeedKept(this ILogger logger, string path);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug, Message = "{Path} was deleted: the graph holds no document {DocumentId} (it was never ingested, or failed to)")]
    public static partial void DeletedFileNotInGraph(this ILogger logger, string path, string documentId);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning,
        Message = "Not following the link {Path}: it leads to nothing, back up the tree, or into a folder already watched")]
    public static partial void LinkSkipped(this ILogger logger, string path);
}
