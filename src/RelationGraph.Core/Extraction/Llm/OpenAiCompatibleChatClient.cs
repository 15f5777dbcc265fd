using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace RelationGraph.Core.Extraction.Llm;

/// <summary>
/// A minimal <see cref="IChatClient"/> for OpenAI-compatible chat-completions endpoints (OpenAI, Azure-style
/// gateways, vLLM, LM Studio, and Ollama's <c>/v1</c> API). It sends one non-streaming request with JSON output
/// asked for; that is all the extractor needs, and it keeps Core free of vendor SDKs.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly HttpClient _http;
    private readonly Uri _completions;
    private readonly string _model;

    /// <summary>Creates a client for <paramref name="endpoint"/> (e.g. <c>https://api.openai.com/v1/</c>) over <paramref name="http"/>, which it does not dispose.</summary>
    public OpenAiCompatibleChatClient(HttpClient http, Uri endpoint, string model, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = http;
        var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _completions = new Uri(baseUri, "chat/completions");
        _model = model;
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = new JsonObject
        {
            ["model"] = options?.ModelId ?? _model,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text })]),
        };
        if (options?.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (options?.ResponseFormat is ChatResponseFormatJson)
        {
            body["response_format"] = new JsonObject { ["type"] = "json_object" };
        }

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(_completions, content, cancellationToken);
        var payload = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LlmExtractionException($"The chat endpoint {_completions} answered {(int)response.StatusCode}: {Truncate(payload)}");
        }

        string? text;
        try
        {
            text = JsonNode.Parse(payload)?["choices"]?[0]?["message"]?["content"]?.GetValue<string>();
        }
        catch (JsonException e)
        {
            throw new LlmExtractionException($"The chat endpoint {_completions} answered with something that is not a chat completion: {e.Message}");
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text ?? ""));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    /// <summary>Nothing to release: the HttpClient belongs to whoever handed it over (the host's IHttpClientFactory).</summary>
    public void Dispose()
    {
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
