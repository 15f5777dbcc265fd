using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Extraction.Llm;

namespace RelationGraph.Hosting;

/// <summary>Registers the extractor a host is configured for, with the LLM extractor's HttpClient from the host's factory.</summary>
public static class ExtractorRegistration
{
    /// <summary>Name of the HttpClient the LLM extractor talks to its endpoint with.</summary>
    public const string LlmHttpClientName = "RelationGraph.Llm";

    /// <summary>
    /// The <see cref="IDocumentExtractor"/> named by <c>Extraction:Extractor</c> (<see cref="ExtractorSelection"/>), resolved
    /// on first use; for <c>llm</c>, over a named HttpClient (5-minute timeout: a model may take that long on a long document).
    /// </summary>
    public static IServiceCollection AddExtractor(this IServiceCollection services)
    {
        services.AddHttpClient(LlmHttpClientName, http => http.Timeout = TimeSpan.FromMinutes(5));
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return ExtractorSelection.Create(configuration[ExtractorSelection.ExtractorKey],
                configuration.GetSection(LlmExtractorOptions.SectionName).Get<LlmExtractorOptions>(),
                () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(LlmHttpClientName));
        });
        return services;
    }
}
