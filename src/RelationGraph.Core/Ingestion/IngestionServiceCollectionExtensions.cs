using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Reading;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Ingestion;

/// <summary>Registers the ingestion pipeline the CLI, the watch worker and the API share.</summary>
public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Reader, pipeline and identity judgements (<see cref="IdentityJudgements"/>), with options from the <c>Ingestion</c> section. The host registers the <see cref="IGraphStore"/>,
    /// the <see cref="IDocumentExtractor"/> (<see cref="ExtractorSelection"/>, whose LLM extractor needs the host's HttpClient),
    /// a <see cref="TimeProvider"/> and logging.
    /// </summary>
    public static OptionsBuilder<IngestionOptions> AddIngestion(this IServiceCollection services)
    {
        var options = services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<IDocumentReader>(sp => new DocumentReader(new DocumentReaderOptions
        {
            MaxBytes = sp.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxDocumentBytes,
        }));
        services.AddSingleton(sp => new IngestionPipeline(
            sp.GetRequiredService<IDocumentReader>(),
            sp.GetRequiredService<IDocumentExtractor>(),
            sp.GetRequiredService<IGraphStore>(),
            sp.GetRequiredService<IOptions<IngestionOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<IngestionPipeline>>()));
        services.AddSingleton<IdentityJudgements>();
        return options;
    }
}
