using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Core.Ingestion;

public sealed class DocumentRecordTests
{
    [Fact]
    public void Parse_FullRecord_KeepsEveryField()
    {
        var parsed = DocumentRecord.Parse("""{"id": 42, "title": "T", "url": "https://example.org/a", "publishedAt": "2025-03-01T10:00:00Z", "text": "Body"}""");

        Assert.Equal(new DocumentRecord("42", "T", "https://example.org/a", new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), "Body"), parsed.Record);
    }

    [Theory]
    [InlineData("[1,2]", "malformed-json")]
    [InlineData("{\"text\": 5}", "malformed-json")]
    [InlineData("{\"title\": \"x\"}", "malformed-json")]
    [InlineData("{\"text\": \"  \"}", "empty")]
    [InlineData("{\"text\": \"a\", \"publishedAt\": \"yesterday\"}", "malformed-json")]
    [InlineData("{\"text\": \"a\"", "malformed-json")]
    public void Parse_BadRecord_FailsWithCode(string json, string code)
    {
        var parsed = DocumentRecord.Parse(json);

        Assert.Null(parsed.Record);
        Assert.Equal(code, parsed.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(parsed.Error));
    }

    [Fact]
    public void ToDocument_IdentityComesFromIdThenUrlThenFallback()
    {
        var withId = new DocumentRecord("7", null, "https://example.org/a", null, "x").ToDocument("feeds/a.jsonl", "feeds/a.jsonl#L3");
        var withUrl = new DocumentRecord(null, null, "https://example.org/a", null, "x").ToDocument("feeds/a.jsonl", "feeds/a.jsonl#L3");
        var bare = new DocumentRecord(null, null, null, null, "x").ToDocument("feeds/a.jsonl", "feeds/a.jsonl#L3");

        Assert.Equal(StableId.Document("feeds/a.jsonl#7"), withId.Id);
        Assert.Equal("https://example.org/a", withId.SourceUri);
        Assert.Equal(StableId.Document("https://example.org/a"), withUrl.Id);
        Assert.Equal(StableId.Document("feeds/a.jsonl#L3"), bare.Id);
        Assert.Equal(StableId.ContentHash("x"), bare.ContentHash);
    }
}
