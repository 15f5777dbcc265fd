namespace RelationGraph.Core.Extraction.Llm;

/// <summary>
/// Configuration of the optional LLM extractor (section <c>Extraction:Llm</c>). The host builds an
/// <c>IChatClient</c> from these values; the extractor itself only talks to that client.
/// </summary>
public sealed record LlmExtractorOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Extraction:Llm";

    /// <summary>Base address of an OpenAI-compatible API, e.g. <c>https://api.openai.com/v1/</c>; for Ollama it defaults to <c>http://localhost:11434/v1/</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Model id, e.g. <c>llama3.1</c> or <c>gpt-4o-mini</c>.</summary>
    public string Model { get; init; } = "";

    /// <summary>API key for OpenAI-compatible endpoints; Ollama needs none.</summary>
    public string? ApiKey { get; init; }

    /// <summary><c>openai</c> or <c>ollama</c>.</summary>
    public string Provider { get; init; } = "openai";

    /// <summary>Longest text sent in one request (UTF-16 units); the rest of a longer document is not read.</summary>
    public int MaxTextLength { get; init; } = 48_000;

    /// <summary>Confidence recorded on facts the model reports.</summary>
    public double Confidence { get; init; } = 0.7;
}
