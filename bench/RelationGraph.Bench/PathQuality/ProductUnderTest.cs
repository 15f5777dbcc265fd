using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;
using RelationGraph.Hosting;

namespace RelationGraph.Bench.PathQuality;

/// <summary>
/// The product as <c>relgraph ingest</c> and <c>GET /api/paths</c> run it: the store, extractor and pipeline wired by
/// <c>RelationGraph.Hosting</c> from configuration (SQLite, the default rule-based extractor), into a fresh database.
/// </summary>
internal sealed class ProductUnderTest : IDisposable
{
    // the API abandons a search this long after its own time limit (PathApi.HardLimitGrace)
    private static readonly TimeSpan HardLimitGrace = TimeSpan.FromSeconds(3);

    private readonly IHost _host;

    public ProductUnderTest(string databasePath)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetDirectoryName(databasePath) });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [GraphStoreRegistration.ProviderKey] = "Sqlite",
            ["Storage:Sqlite:Path"] = databasePath,
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGraphStore(builder.Configuration);
        builder.Services.AddIngestion();
        builder.Services.AddExtractor();
        _host = builder.Build();
        Store = _host.Services.GetRequiredService<IGraphStore>();
    }

    public IGraphStore Store { get; }

    /// <summary>What <c>relgraph ingest &lt;folder&gt;</c> does with a folder of documents.</summary>
    public async Task<IngestionReport> IngestAsync(string folder)
    {
        await Store.InitializeAsync();
        var options = _host.Services.GetRequiredService<IOptions<IngestionOptions>>().Value;
        var pipeline = _host.Services.GetRequiredService<IngestionPipeline>();
        var sources = SourceDiscovery.Discover([folder], Environment.CurrentDirectory);
        return await pipeline.RunAsync(sources.Enumerate(options.MaxDocumentBytes), sources.CountDocuments(), null, sources.Ignored);
    }

    /// <summary>What <c>GET /api/paths?from=&amp;to=&amp;maxHops=6</c> does: resolve both names, then search with the API's defaults.</summary>
    public async Task<PathAnswer> AskAsync(string from, string to, int maxHops)
    {
        var fromLookup = await Store.ResolveAsync(from);
        var toLookup = await Store.ResolveAsync(to);
        if (fromLookup.Entity is null || toLookup.Entity is null)
        {
            return new PathAnswer(fromLookup, toLookup, null);
        }

        var request = new PathRequest
        {
            FromId = fromLookup.Entity.Id,
            ToId = toLookup.Entity.Id,
            Mode = PathMode.Shortest,
            MaxHops = maxHops,
            K = PathRequest.DefaultK,
            Filter = PathFilter.None,
            EvidencePerHop = PathRequest.DefaultEvidencePerHop,
        };
        using var hardLimit = new CancellationTokenSource(request.Timeout + HardLimitGrace);
        try
        {
            return new PathAnswer(fromLookup, toLookup, await Store.FindPathsAsync(request, hardLimit.Token));
        }
        catch (OperationCanceledException)
        {
            // the API answers 503 here
            return new PathAnswer(fromLookup, toLookup, new PathResult([], TimedOut: true, request.Timeout + HardLimitGrace));
        }
    }

    public void Dispose() => _host.Dispose();
}

/// <summary>The two lookups and, when both resolved, the search result.</summary>
internal sealed record PathAnswer(EntityLookupResult From, EntityLookupResult To, PathResult? Result);
