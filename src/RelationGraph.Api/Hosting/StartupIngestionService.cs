using Microsoft.Extensions.Options;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Hosting;

/// <summary>
/// Creates the store's schema and, when the store has never held a document, ingests the seed folder before the server
/// takes requests, so a first run answers at once.
/// </summary>
internal sealed class StartupIngestionService(
    IGraphStore store,
    IngestionPipeline pipeline,
    IOptions<IngestionOptions> options,
    IHostEnvironment environment,
    ILogger<StartupIngestionService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAndSeedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // serve anyway: /health/ready answers 503 until the store is reachable, which tells an orchestrator more than a crash loop
            logger.StoreUnavailableAtStart(ex);
        }
    }

    private async Task InitializeAndSeedAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var counts = await store.CountAsync(cancellationToken);
        // a store emptied by DELETE stays empty: only one that never held a document is seeded
        if (!await store.HasEverHeldDocumentsAsync(cancellationToken) && !string.IsNullOrWhiteSpace(options.Value.SeedFolder))
        {
            var folder = Path.GetFullPath(options.Value.SeedFolder, environment.ContentRootPath);
            if (!Directory.Exists(folder))
            {
                logger.SeedFolderMissing(folder);
                return;
            }

            logger.SeedingStarted(folder);
            var sources = SourceDiscovery.Discover([folder], environment.ContentRootPath);
            var report = await pipeline.RunAsync(sources.Enumerate(options.Value.MaxDocumentBytes), sources.CountDocuments(), ignored: sources.Ignored, cancellationToken: cancellationToken);
            logger.SeedingFinished(report.Totals.Documents.Ingested, report.Totals.Documents.Failed);
            counts = await store.CountAsync(cancellationToken);
        }

        logger.StoreReady(counts.Documents, counts.Entities, counts.Facts);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
