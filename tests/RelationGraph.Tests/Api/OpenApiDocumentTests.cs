using System.Text.Json;

namespace RelationGraph.Tests.Api;

public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task OpenApi_Document_DescribesTheApiAsItAnswers()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var document = await ApiAssert.GetJsonAsync(client, "/openapi/v1.json");

        var paths = document.GetProperty("paths");
        var findPaths = paths.GetProperty("/api/paths").GetProperty("get");
        var names = findPaths.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("from", names);
        Assert.Contains("maxHops", names);
        Assert.Contains("minConfidence", names);
        Assert.DoesNotContain(names, n => char.IsUpper(n![0]));
        Assert.True(findPaths.GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(paths.GetProperty("/api/documents/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
        var post = paths.GetProperty("/api/documents").GetProperty("post");
        foreach (var status in new[] { "201", "401", "413", "415", "422", "429", "503" })
        {
            Assert.True(post.GetProperty("responses").TryGetProperty(status, out _), "POST /api/documents lacks " + status);
        }

        Assert.Equal("ApiKey", post.GetProperty("security")[0].EnumerateObject().Single().Name);
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
        var content = post.GetProperty("requestBody").GetProperty("content");
        Assert.Equal("string", content.GetProperty("text/plain").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("binary", content.GetProperty("application/pdf").GetProperty("schema").GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.String, content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").ValueKind);
    }
}
