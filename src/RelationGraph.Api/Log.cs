namespace RelationGraph.Api;

internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Store ready: {Documents} documents, {Entities} entities, {Facts} facts")]
    public static partial void StoreReady(this ILogger logger, long documents, long entities, long facts);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "The store is empty; ingesting the seed folder {SeedFolder}")]
    public static partial void SeedingStarted(this ILogger logger, string seedFolder);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Seeded {Ingested} documents ({Failed} failed)")]
    public static partial void SeedingFinished(this ILogger logger, int ingested, int failed);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The store is empty and the seed folder {SeedFolder} does not exist; starting empty")]
    public static partial void SeedFolderMissing(this ILogger logger, string seedFolder);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "The graph store could not be initialised at start; serving with /health/ready failing until it can")]
    public static partial void StoreUnavailableAtStart(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "The explorer's files are not at {Folder}; / serves nothing (build or publish the API project to copy them)")]
    public static partial void ExplorerFilesMissing(this ILogger logger, string folder);
}
