using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RelationGraph.Tests.Api;

public sealed class DocumentApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Story = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo. " +
        "Corvane Dynamics won a $40 million contract from the Ministry of Transport in 2024 [3].";

    [Fact]
    public async Task ListAndGetDocuments_Seeded_ReturnsTheSeedWithItsText()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();

        var list = await ApiAssert.GetJsonAsync(client, "/api/documents");
        var seed = Assert.Single(list.EnumerateArray());
        var detail = await ApiAssert.GetJsonAsync(client, "/api/documents/" + seed.GetProperty("id").GetString());

        Assert.Equal("seeds/" + RepoPaths.SeedFileName, seed.GetProperty("sourceUri").GetString());
        var fileText = (await File.ReadAllTextAsync(RepoPaths.SeedFile, Ct)).TrimStart('\uFEFF');
        Assert.Equal(fileText, detail.GetProperty("text").GetString());
        var missing = await client.GetAsync(new Uri("/api/documents/doc_0000000000000000", UriKind.Relative), Ct);
        await ApiAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostDocument_JsonTwice_SecondIsUnchangedAndAddsNothing()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        var body = new { id = "story-1", title = "Contract news", publishedAt = "2024-06-01T00:00:00Z", text = Story };

        var first = await ApiAssert.OkJsonAsync(await ApiAssert.PostJsonAsync(client, "/api/documents", body), HttpStatusCode.Created);
        var second = await ApiAssert.OkJsonAsync(await ApiAssert.PostJsonAsync(client, "/api/documents", body));

        Assert.Equal("ingested", first.GetProperty("status").GetString());
        Assert.Equal("unchanged", second.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("documentId").GetString(), second.GetProperty("documentId").GetString());
        Assert.Equal(0, second.GetProperty("evidence").GetProperty("added").GetInt32());
        var stored = await ApiAssert.GetJsonAsync(client, "/api/documents/" + first.GetProperty("documentId").GetString());
        Assert.Equal(Story, stored.GetProperty("text").GetString());
        Assert.Equal("Contract news", stored.GetProperty("document").GetProperty("title").GetString());
    }

    [Fact]
    public async Task PostDocument_EditedTextSameId_IsUpdated()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        await ApiAssert.PostJsonAsync(client, "/api/documents", new { id = "story-2", text = Story });

        var edited = await ApiAssert.OkJsonAsync(await ApiAssert.PostJsonAsync(client, "/api/documents", new { id = "story-2", text = Story + " Nothing else happened." }));

        Assert.Equal("updated", edited.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PostDocument_PlainTextWithMetadataInQuery_IsIngested()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        using var content = new StringContent(Story, Encoding.UTF8, "text/plain");

        var response = await client.PostAsync(new Uri("/api/documents?title=Plain&url=https%3A%2F%2Fexample.org%2Fstory", UriKind.Relative), content, Ct);

        var created = await ApiAssert.OkJsonAsync(response, HttpStatusCode.Created);
        Assert.NotNull(response.Headers.Location);
        var stored = await ApiAssert.GetJsonAsync(client, "/api/documents/" + created.GetProperty("documentId").GetString());
        Assert.Equal("https://example.org/story", stored.GetProperty("document").GetProperty("sourceUri").GetString());
        Assert.Equal("Plain", stored.GetProperty("document").GetProperty("title").GetString());
    }

    [Fact]
    public async Task PostDocument_ApiKeyConfigured_RejectsMissingOrWrongKey()
    {
        await using var app = new RelationGraphApp { SeedFolder = "", ApiKey = "s3cret" };
        using var client = app.CreateClient();

        var missing = await ApiAssert.PostJsonAsync(client, "/api/documents", new { text = Story });
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        var wrong = await ApiAssert.PostJsonAsync(client, "/api/documents", new { text = Story });
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");
        var right = await ApiAssert.PostJsonAsync(client, "/api/documents", new { text = Story });

        await ApiAssert.ProblemAsync(missing, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
    }

    [Fact]
    public async Task PostDocument_OverTheSizeLimit_Returns413()
    {
        await using var app = new RelationGraphApp { SeedFolder = "", MaxDocumentBytes = 100 };
        using var client = app.CreateClient();
        using var content = new StringContent(new string('a', 500), Encoding.UTF8, "text/plain");

        var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), content, Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostDocument_UnsupportedMediaType_Returns415()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), content, Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("text/plain", new byte[] { 0x00, 0x01, 0x02, 0x03, 0xFF })]
    [InlineData("text/plain", new byte[] { 0x20, 0x0A })]
    public async Task PostDocument_UnreadableBody_Returns422WithErrorCode(string mediaType, byte[] body)
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        var response = await client.PostAsync(new Uri("/api/documents", UriKind.Relative), content, Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("errorCode").GetString()));
    }

    [Fact]
    public async Task PostDocument_JsonWithoutText_Returns400()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var response = await ApiAssert.PostJsonAsync(client, "/api/documents", new { title = "no text" });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("malformed-json", problem.GetProperty("errorCode").GetString());
    }
}
