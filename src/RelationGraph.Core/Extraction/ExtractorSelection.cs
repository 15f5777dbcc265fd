using RelationGraph.Core.Extraction.Llm;

namespace RelationGraph.Core.Extraction;

/// <summary>
/// Picks the extractor from configuration (<c>Extraction:Extractor</c>): <c>rules</c>, the offline default, or
/// <c>llm</c>, a chat model behind an OpenAI-compatible endpoint (OpenAI, or Ollama's <c>/v1</c> API) set in
/// <c>Extraction:Llm</c>.
/// </summary>
public static class ExtractorSelection
{
    /// <summary>Configuration key that names the extractor.</summary>
    public const string ExtractorKey = "Extraction:Extractor";

    /// <summary>Ollama's OpenAI-compatible API on its default port.</summary>
    public static readonly Uri OllamaDefaultEndpoint = new("http://localhost:11434/v1/");

    /// <summary>Creates the named extractor; an unknown name or an incomplete LLM setting is an error that says what to set.</summary>
    /// <param name="extractor">The extractor's name.</param>
    /// <param name="llm">The LLM settings, for <c>llm</c>.</param>
    /// <param name="httpFactory">Gives the LLM extractor its HttpClient; the host owns it (AddHttpClient), Core never creates one.</param>
    public static IDocumentExtractor Create(string? extractor, LlmExtractorOptions? llm, Func<HttpClient>? httpFactory = null)
    {
        if (string.IsNullOrWhiteSpace(extractor) || extractor.Equals("rules", StringComparison.OrdinalIgnoreCase))
        {
            return new RuleBasedExtractor();
        }

        if (!extractor.Equals("llm", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{ExtractorKey} is '{extractor}'; use 'rules' (default) or 'llm'.");
        }

        llm ??= new LlmExtractorOptions();
        var ollama = llm.Provider.Equals("ollama", StringComparison.OrdinalIgnoreCase);
        if (!ollama && !llm.Provider.Equals("openai", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{LlmExtractorOptions.SectionName}:Provider is '{llm.Provider}'; use 'openai' (any OpenAI-compatible endpoint) or 'ollama'.");
        }

        var endpoint = llm.Endpoint ?? (ollama ? OllamaDefaultEndpoint : null)
            ?? throw new InvalidOperationException($"Set {LlmExtractorOptions.SectionName}:Endpoint, e.g. https://api.openai.com/v1/.");
        if (string.IsNullOrWhiteSpace(llm.Model))
        {
            throw new InvalidOperationException($"Set {LlmExtractorOptions.SectionName}:Model, e.g. gpt-4o-mini or llama3.1.");
        }

        var http = httpFactory?.Invoke()
            ?? throw new InvalidOperationException("The LLM extractor needs an HttpClient from the host (AddExtractor in RelationGraph.Hosting registers it).");
        return new LlmExtractor(new OpenAiCompatibleChatClient(http, endpoint, llm.Model, llm.ApiKey), llm);
    }
}
