using System.Net;
using System.Text;

namespace RelationGraph.Tests.Api;

/// <summary>A POST meets the rules a file or feed line meets (Core/Ingestion/DocumentRules).</summary>
public sealed class DocumentInputRulesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Story = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string mediaType, string query = "")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return await client.PostAsync(new Uri("/api/documents" + query, UriKind.Relative), content, Ct);
    }

    [Theory]
    [InlineData("{\"text\":\"" + Story + " \\ud800\"}", HttpStatusCode.UnprocessableEntity, "invalid-text")]
    [InlineData("{\"text\":\"" + Story + "\\u0000\"}", HttpStatusCode.UnprocessableEntity, "invalid-text")]
    [InlineData("{\"id\":\"\\udfff\",\"text\":\"" + Story + "\"}", HttpStatusCode.UnprocessableEntity, "invalid-text")]
    public async Task Post_JsonStringThatIsNotUnicodeText_FailsAloneAsInvalidText(string json, HttpStatusCode status, string errorCode)
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var response = await PostAsync(client, Encoding.UTF8.GetBytes(json), "application/json");
        var next = await PostAsync(client, Encoding.UTF8.GetBytes("{\"text\":\"" + Story + "\"}"), "application/json");

        var problem = await ApiAssert.ProblemAsync(response, status);
        Assert.Equal(errorCode, problem.GetProperty("errorCode").GetString());
        await ApiAssert.OkJsonAsync(next, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Post_JsonBodyWithInvalidUtf8_IsRefusedLikeATextBody()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        byte[] json = [.. Encoding.UTF8.GetBytes("{\"text\":\"Caf"), 0xE9, .. Encoding.UTF8.GetBytes(" " + Story + "\"}")];
        byte[] text = [.. Encoding.UTF8.GetBytes("Caf"), 0xE9, .. Encoding.UTF8.GetBytes(" " + Story)];

        var fromJson = await ApiAssert.ProblemAsync(await PostAsync(client, json, "application/json"), HttpStatusCode.UnprocessableEntity);
        var fromText = await ApiAssert.ProblemAsync(await PostAsync(client, text, "text/plain"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("invalid-utf8", fromJson.GetProperty("errorCode").GetString());
        Assert.Equal("invalid-utf8", fromText.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Post_IdOverTheLimit_IsRefusedInJsonAsInTheQueryString()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        var id = new string('x', 501);

        var json = await PostAsync(client, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"text\":\"{Story}\"}}"), "application/json");
        var query = await PostAsync(client, Encoding.UTF8.GetBytes(Story), "text/plain", "?id=" + id);

        await ApiAssert.ProblemAsync(json, HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(query, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_NulInQueryStringTitle_IsRefusedAsInAJsonTitle()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var response = await PostAsync(client, Encoding.UTF8.GetBytes(Story), "text/plain", "?title=a%00b");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }
}
