using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RelationGraph.Core.Extraction;
using RelationGraph.Core.Extraction.Llm;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Extraction;

public sealed class ExtractorSelectionTests
{
    private const string Text = "Maria Lopez, chief executive of Harbor Freight Lines, met regulators on Monday.";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RULES")]
    public void Create_NoneOrRules_IsTheOfflineRuleExtractor(string? name)
    {
        Assert.IsType<RuleBasedExtractor>(ExtractorSelection.Create(name, null));
    }

    [Fact]
    public void Create_UnknownOrIncompleteSettings_SaysWhatToSet()
    {
        Assert.Contains("'rules'", Assert.Throws<InvalidOperationException>(() => ExtractorSelection.Create("magic", null)).Message, StringComparison.Ordinal);
        Assert.Contains("Extraction:Llm:Model", Assert.Throws<InvalidOperationException>(() =>
            ExtractorSelection.Create("llm", new LlmExtractorOptions { Provider = "ollama" })).Message, StringComparison.Ordinal);
        Assert.Contains("Extraction:Llm:Endpoint", Assert.Throws<InvalidOperationException>(() =>
            ExtractorSelection.Create("llm", new LlmExtractorOptions { Model = "m" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Llm_SendsAnOpenAiCompatibleRequestAndFindsOffsetsInTheText()
    {
        var handler = new RecordingHandler("""
            {"entities":[{"type":"Person","name":"Maria Lopez","mentions":["Maria Lopez"]},
                         {"type":"Organisation","name":"Harbor Freight Lines","mentions":["Harbor Freight Lines"]}],
             "relations":[{"type":"LEADS","source":"Maria Lopez","target":"Harbor Freight Lines","quote":"Maria Lopez, chief executive of Harbor Freight Lines"}]}
            """);
        var extractor = ExtractorSelection.Create("llm",
            new LlmExtractorOptions { Provider = "ollama", Model = "llama3.1", ApiKey = "k" }, () => new HttpClient(handler));

        var batch = await extractor.ExtractAsync(SourceDocument.Create("docs/a.txt", Text), TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("http://localhost:11434/v1/chat/completions"), handler.Request!.RequestUri);
        Assert.Equal("Bearer k", handler.Request.Headers.Authorization?.ToString());
        var body = JsonNode.Parse(handler.Body!)!;
        Assert.Equal("llama3.1", body["model"]!.GetValue<string>());
        Assert.Equal("json_object", body["response_format"]!["type"]!.GetValue<string>());
        var fact = Assert.Single(batch.Facts);
        Assert.Equal(RelationType.Leads, fact.Type);
        var evidence = Assert.Single(batch.Evidence);
        Assert.Equal(evidence.Quote, Text[evidence.Start..evidence.End]);
        Assert.Equal("llm", evidence.Extractor);
    }

    [Fact]
    public async Task Create_Llm_EndpointError_IsAClearExtractionError()
    {
        var handler = new RecordingHandler("{\"error\":\"model not found\"}", HttpStatusCode.NotFound);
        var extractor = ExtractorSelection.Create("llm",
            new LlmExtractorOptions { Endpoint = new Uri("http://127.0.0.1:9/v1"), Model = "m" }, () => new HttpClient(handler));

        var error = await Assert.ThrowsAsync<LlmExtractionException>(async () =>
            await extractor.ExtractAsync(SourceDocument.Create("docs/a.txt", Text), TestContext.Current.CancellationToken));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("model not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LlmWithoutTheHostsHttpClient_SaysSoAndCreatesNone()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ExtractorSelection.Create("llm", new LlmExtractorOptions { Provider = "ollama", Model = "m" }));

        Assert.Contains("HttpClient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatClientDispose_LeavesTheHttpClientItWasGivenUsable()
    {
        var handler = new RecordingHandler("{}");
        using var http = new HttpClient(handler);

        new OpenAiCompatibleChatClient(http, new Uri("http://localhost:11434/v1/"), "m", null).Dispose();

        using var content = new StringContent("{}");
        using var response = await http.PostAsync(new Uri("http://localhost:11434/v1/chat/completions"), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal sealed class RecordingHandler(string content, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var answer = status == HttpStatusCode.OK
                ? new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content } }) }.ToJsonString()
                : content;
            return new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
