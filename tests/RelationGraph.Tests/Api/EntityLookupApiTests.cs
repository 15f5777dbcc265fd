using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Api;

/// <summary>Names as documents print them and people type them, over REST (issue 16): lookups, search, and the 409 of an ambiguous name.</summary>
public sealed class EntityLookupApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Musk = TestData.Id(EntityKind.Person, "Elon Musk");
    private static readonly string Putin = TestData.Id(EntityKind.Person, "Vladimir Putin");

    // Jordan Vale the firm is in two documents, Jordan Vale the person in one
    private static async Task<RelationGraphApp> JordanValesAsync()
    {
        var app = new RelationGraphApp { SeedFolder = "" };
        await app.Services.GetRequiredService<IGraphStore>().ApplyAsync([
            TestData.Batch("docs/jordan.txt", "Jordan Vale works with Jordan Vale, the firm.",
                ("Jordan Vale", EntityKind.Person, RelationType.AssociatedWith, "Jordan Vale", EntityKind.Organisation, "Jordan Vale works with Jordan Vale")),
            TestData.Batch("docs/firm.txt", "Jordan Vale funds Harbour Trust, filings show.",
                ("Jordan Vale", EntityKind.Organisation, RelationType.Funds, "Harbour Trust", EntityKind.Organisation, "Jordan Vale funds Harbour Trust"))], Ct);
        return app;
    }

    [Theory]
    [InlineData("Dr.%20Elon%20R.%20Musk", "VLADIMIR%20PUTIN")]
    [InlineData("elon%20musk", "Putin")]
    [InlineData("Mr%20Musk", "Vladimir%20V.%20Putin")]
    public async Task GetPaths_NamesAsDocumentsPrintThem_ResolveToTheStoredPeople(string from, string to)
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();

        var answer = await ApiAssert.GetJsonAsync(client, $"/api/paths?from={from}&to={to}");

        Assert.Equal(Musk, answer.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(Putin, answer.GetProperty("to").GetProperty("id").GetString());
        Assert.NotEqual(0, answer.GetProperty("paths").GetArrayLength());
    }

    [Fact]
    public async Task GetEntities_QueryWithTitleAndInitial_FindsThePersonFirst()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();

        var found = await ApiAssert.GetJsonAsync(client, "/api/entities?q=Dr.%20Elon%20R.%20Musk");

        Assert.Equal(Musk, found[0].GetProperty("id").GetString());
        Assert.Equal(Musk, (await ApiAssert.GetJsonAsync(client, "/api/entities/ELON%20R.%20MUSK")).GetProperty("entity").GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetPaths_AmbiguousName_CandidatesMostDocumentedFirstWithAliasesCountsAndAQuote()
    {
        await using var app = await JordanValesAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/api/paths?from=jordan%20vale&to=Harbour%20Trust", UriKind.Relative), Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("from", problem.GetProperty("parameter").GetString());
        var candidates = problem.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["Organisation", "Person"], candidates.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal([2, 1], candidates.Select(c => c.GetProperty("docCount").GetInt32()));
        Assert.All(candidates, c => Assert.Equal(JsonValueKind.Array, c.GetProperty("aliases").ValueKind));
        Assert.All(candidates, c => Assert.True(c.GetProperty("mentionCount").GetInt32() > 0));
        Assert.True(candidates[0].GetProperty("quote").GetString() is "Jordan Vale works with Jordan Vale" or "Jordan Vale funds Harbour Trust");
        Assert.Equal("Jordan Vale works with Jordan Vale", candidates[1].GetProperty("quote").GetString());
    }

    [Theory]
    [InlineData("/api/entities/Jordan%20Vale")]
    [InlineData("/api/entities/Jordan%20Vale/neighbours")]
    public async Task GetEntity_AmbiguousName_Returns409WithTheCandidates(string url)
    {
        await using var app = await JordanValesAsync();
        using var client = app.CreateClient();

        var problem = await ApiAssert.ProblemAsync(await client.GetAsync(new Uri(url, UriKind.Relative), Ct), HttpStatusCode.Conflict);

        Assert.Equal("id", problem.GetProperty("parameter").GetString());
        Assert.Equal(2, problem.GetProperty("candidates").GetArrayLength());
    }

    [Fact]
    public async Task OpenApi_AmbiguousNames_Documents409WithTheCandidatesShape()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var paths = (await ApiAssert.GetJsonAsync(client, "/openapi/v1.json")).GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/paths", "get"), ("/api/entities/{id}", "get"), ("/api/entities/{id}/neighbours", "get") })
        {
            var schema = paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("409")
                .GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
            var candidate = schema.GetProperty("properties").GetProperty("candidates").GetProperty("items").GetProperty("properties");
            Assert.Equal(["aliases", "docCount", "id", "kind", "mentionCount", "name", "quote"], candidate.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
    }
}
