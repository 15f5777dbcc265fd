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
}
