using Microsoft.Extensions.AI;
using RelationGraph.Core.Extraction.Llm;
using RelationGraph.Core.Extraction.Text;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Extraction;

public sealed class LlmExtractorTests
{
    private const string Text = "Acme Corp hired Jane Roe as chief executive [4]. 😀 Later, Roe met Bob Stone. The Harbour Board opened an audit of Acme Corp.";

    private static readonly SourceDocument Document = SourceDocument.Create("docs/llm.txt", Text);

    private static readonly LlmExtractorOptions Options = new() { Model = "test-model" };

    [Theory]
    [InlineData("Roe", "Bob Stone")]
    [InlineData("Bob Stone", "Roe")]
    public async Task ExtractAsync_SymmetricRelationEitherWay_BuildsTheFactInKeyOrderAndAValidBatch(string source, string target)
    {
        var answer = $$"""
            {"entities":[{"type":"Person","name":"Jane Roe","aliases":["Roe"],"mentions":["Roe"]},
                         {"type":"Person","name":"Bob Stone","aliases":[],"mentions":["Bob Stone"]}],
             "relations":[{"type":"COMMUNICATES_WITH","source":"{{source}}","target":"{{target}}","quote":"Roe met Bob Stone"}]}
            """;
        var extractor = new LlmExtractor(new FakeChatClient(answer), Options);

        var batch = await extractor.ExtractAsync(Document, TestContext.Current.CancellationToken);

        var fact = Assert.Single(batch.Facts);
        Assert.True(string.CompareOrdinal(fact.SubjectId, fact.ObjectId) < 0);
        Assert.Null(RelationGraph.Core.Storage.BatchValidation.FindProblem(batch));
    }

    [Fact]
    public async Task ExtractAsync_ValidAnswer_FindsOffsetsInText()
    {
        const string answer = """
            ```json
            {"entities":[{"type":"Person","name":"Jane Roe","aliases":["Roe"],"mentions":["Jane Roe","Roe"]},
                         {"type":"Organisation","name":"Acme Corp","aliases":[],"mentions":["Acme Corp"]},
                         {"type":"Person","name":"Bob Stone","aliases":[],"mentions":["Bob Stone"]}],
             "relations":[{"type":"LEADS","source":"Jane Roe","target":"Acme Corp","quote":"Acme Corp hired Jane Roe as chief executive"},
                          {"type":"COMMUNICATES_WITH","source":"Roe","target":"Bob Stone","quote":"Roe met Bob Stone"}]}
            ```
            """;
        var client = new FakeChatClient(answer);
        var extractor = new LlmExtractor(client, Options);

        var batch = await extractor.ExtractAsync(Document, TestContext.Current.CancellationToken);

        Assert.Equal(3, batch.Entities.Count);
        Assert.Equal(2, batch.Facts.Count);
        var leads = Assert.Single(batch.Evidence, e => e.Quote.StartsWith("Acme Corp hired", StringComparison.Ordinal));
        Assert.Equal(["[4]"], leads.Citations);
        Assert.Equal("llm", leads.Extractor);
        foreach (var mention in batch.Mentions)
        {
            Assert.Equal(mention.Text, CodePointIndex.Slice(Text, mention.Start, mention.End));
        }

        foreach (var evidence in batch.Evidence)
        {
            Assert.Equal(evidence.Quote, CodePointIndex.Slice(Text, evidence.Start, evidence.End));
        }

        Assert.Equal(ChatResponseFormat.Json, client.LastOptions?.ResponseFormat);
        Assert.Equal("test-model", client.LastOptions?.ModelId);
    }

    [Fact]
    public async Task ExtractAsync_HallucinatedNamesAndQuotes_AreDropped()
    {
        const string answer = """
            {"entities":[{"type":"Person","name":"Jane Roe","mentions":["Jane Roe"]},
                         {"type":"Person","name":"Invented Person","mentions":["Invented Person"]},
                         {"type":"Organisation","name":"Acme Corp","mentions":["Acme Corp"]},
                         {"type":"Spaceship","name":"Acme Corp","mentions":["Acme Corp"]}],
             "relations":[{"type":"LEADS","source":"Jane Roe","target":"Acme Corp","quote":"Jane Roe runs Acme Corp with an iron fist"},
                          {"type":"EMPLOYED_BY","source":"Invented Person","target":"Acme Corp","quote":"Acme Corp hired Jane Roe"},
                          {"type":"NOT_A_TYPE","source":"Jane Roe","target":"Acme Corp","quote":"Acme Corp hired Jane Roe"}]}
            """;
        var extractor = new LlmExtractor(new FakeChatClient(answer), Options);

        var batch = await extractor.ExtractAsync(Document, TestContext.Current.CancellationToken);

        Assert.Equal(["Acme Corp", "Jane Roe"], batch.Entities.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(batch.Facts);
        Assert.Empty(batch.Evidence);
    }

    [Fact]
    public async Task ExtractAsync_MalformedJson_ThrowsClearError()
    {
        var extractor = new LlmExtractor(new FakeChatClient("{\"entities\": [ {\"type\": \"Person\", "), Options);

        var error = await Assert.ThrowsAsync<LlmExtractionException>(() => extractor.ExtractAsync(Document, TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_ProseWithoutJson_ThrowsClearError()
    {
        var extractor = new LlmExtractor(new FakeChatClient("I could not find any entities."), Options);

        await Assert.ThrowsAsync<LlmExtractionException>(() => extractor.ExtractAsync(Document, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task ExtractAsync_WrongDirection_IsNotRecorded()
    {
        const string answer = """
            {"entities":[{"type":"Person","name":"Jane Roe","mentions":["Jane Roe"]},{"type":"Organisation","name":"Acme Corp","mentions":["Acme Corp"]}],
             "relations":[{"type":"EMPLOYED_BY","source":"Acme Corp","target":"Jane Roe","quote":"Acme Corp hired Jane Roe"}]}
            """;
        var extractor = new LlmExtractor(new FakeChatClient(answer), Options);

        var batch = await extractor.ExtractAsync(Document, TestContext.Current.CancellationToken);

        Assert.Empty(batch.Facts);
    }

    private sealed class FakeChatClient(string answer) : IChatClient
    {
        public ChatOptions? LastOptions { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastOptions = options;
            Assert.Contains(messages, m => m.Role == ChatRole.User && m.Text.Contains(Text, StringComparison.Ordinal));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
