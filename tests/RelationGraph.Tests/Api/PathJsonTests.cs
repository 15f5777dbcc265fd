using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationGraph.Api.Hosting;
using RelationGraph.Api.Paths;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Api;

/// <summary>The path answer is written by generated code; it must be exactly what the API's JSON options would write.</summary>
public sealed class PathJsonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetPaths_SeededStore_AnswersWithContentLengthInTheApiJsonFormat()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();
        var options = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        using var response = await client.GetAsync(new Uri("/api/paths?from=Elon%20Musk&to=Vladimir%20Putin&maxHops=3&k=5", UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        var answer = JsonSerializer.Deserialize<PathResponse>(body, options)!;
        Assert.NotEmpty(answer.Paths);
        Assert.Equal(JsonSerializer.Serialize(answer, options), body);
    }

    [Fact]
    public async Task Utf8JsonOk_AnswerWithNullsEnumsAndDates_WritesWhatTheApiJsonOptionsWrite()
    {
        using var factory = new RelationGraphApp { SeedFolder = "" };
        var options = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var from = new EntitySummary("per_a", EntityKind.Person, "Ana \"Quoted\" Ávila", ["A. Ávila"], 3, 2);
        var to = new EntitySummary("con_b", EntityKind.Contract, "Contract <B> & co", [], 1, 1);
        var fact = new FactSummary("fact_1", RelationType.PartyTo, "per_a", "con_b", 0.8125, 2, 2,
            new DateTimeOffset(2024, 5, 31, 10, 0, 0, TimeSpan.Zero), null, null, ["rules", "ml"]);
        var evidence = new EvidenceView("evi_1", "fact_1", "doc_1", null, "file:///x/ü.txt", 3, 40, "She signed it — \"yes\" [7]", ["[7]"], "rules", 1);
        var answer = new PathResponse(from, to, PathMode.KShortest, TimedOut: true, 0.125,
            [new GraphPath([from, to], [new PathHop(fact, "per_a", "con_b", Forward: true, [evidence])])]);

        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await Utf8JsonResults.Ok(answer, PathJsonContext.Default.PathResponse).ExecuteAsync(context);

        Assert.Equal(JsonSerializer.Serialize(answer, options), System.Text.Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal(body.Length, context.Response.ContentLength);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_PathsEndpoint_DocumentsTheAnswerAsPathResponse()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var document = await ApiAssert.GetJsonAsync(client, "/openapi/v1.json");

        var ok = document.GetProperty("paths").GetProperty("/api/paths").GetProperty("get").GetProperty("responses").GetProperty("200");
        var schema = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.EndsWith("/PathResponse", schema, StringComparison.Ordinal);
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("PathResponse", out _));
    }
}
