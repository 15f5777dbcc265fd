using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Tests.Api;

public sealed class PathApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetPaths_SeededStore_ReturnsPathWhoseEvidencePointsAtTheQuotedText()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();

        var answer = await ApiAssert.GetJsonAsync(client, "/api/paths?from=Elon%20Musk&to=Vladimir%20Putin&maxHops=3&k=5");

        Assert.Equal("Elon Musk", answer.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("Person", answer.GetProperty("from").GetProperty("kind").GetString());
        Assert.False(answer.GetProperty("timedOut").GetBoolean());
        var paths = answer.GetProperty("paths").EnumerateArray().ToList();
        Assert.NotEmpty(paths);
        var texts = new Dictionary<string, string>();
        var checkedSpans = 0;
        foreach (var hop in paths.SelectMany(p => p.GetProperty("hops").EnumerateArray()))
        {
            Assert.Matches("^[A-Z_]+$", hop.GetProperty("fact").GetProperty("type").GetString());
            var evidence = hop.GetProperty("evidence").EnumerateArray().ToList();
            Assert.NotEmpty(evidence);
            foreach (var item in evidence)
            {
                var documentId = item.GetProperty("documentId").GetString()!;
                if (!texts.TryGetValue(documentId, out var text))
                {
                    var document = await ApiAssert.GetJsonAsync(client, "/api/documents/" + documentId);
                    text = texts[documentId] = document.GetProperty("text").GetString()!;
                }

                var quote = item.GetProperty("quote").GetString();
                Assert.Equal(quote, ApiAssert.CodePointSlice(text, item.GetProperty("start").GetInt32(), item.GetProperty("end").GetInt32()));
                checkedSpans++;
            }
        }

        Assert.True(checkedSpans > 0);
    }

    [Fact]
    public async Task GetPaths_ByIds_SameAnswerAsByNames()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();
        var byName = await ApiAssert.GetJsonAsync(client, "/api/paths?from=Elon%20Musk&to=Vladimir%20Putin");
        var fromId = byName.GetProperty("from").GetProperty("id").GetString();
        var toId = byName.GetProperty("to").GetProperty("id").GetString();

        var byId = await ApiAssert.GetJsonAsync(client, $"/api/paths?from={fromId}&to={toId}");

        Assert.Equal(byName.GetProperty("paths").GetArrayLength(), byId.GetProperty("paths").GetArrayLength());
    }

    [Fact]
    public async Task GetPaths_UnknownEntity_Returns404Problem()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/api/paths?from=Nobody%20Known%20Here&to=Vladimir%20Putin", UriKind.Relative), Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("Nobody Known Here", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPaths_AmbiguousName_Returns409WithCandidates()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        var store = app.Services.GetRequiredService<IGraphStore>();
        await store.ApplyAsync([TestData.Batch("docs/jordan.txt", "Jordan Vale works with Jordan Vale, the firm.",
            ("Jordan Vale", EntityKind.Person, RelationType.AssociatedWith, "Jordan Vale", EntityKind.Organisation, "Jordan Vale works with Jordan Vale"))], Ct);

        var response = await client.GetAsync(new Uri("/api/paths?from=Jordan%20Vale&to=Jordan%20Vale", UriKind.Relative), Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        var candidates = problem.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(2, candidates.Count);
        Assert.Equal(["Organisation", "Person"], candidates.Select(c => c.GetProperty("kind").GetString()).Order());
        Assert.All(candidates, c => Assert.Equal("Jordan Vale", c.GetProperty("name").GetString()));
        Assert.All(candidates, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("id").GetString())));
    }

    [Theory]
    [InlineData("maxHops=7", "MaxHops")]
    [InlineData("k=51", "K")]
    [InlineData("k=0", "K")]
    [InlineData("types=EMPLOYED_BY,KNOWS", "types")]
    [InlineData("middleKinds=Alien", "middleKinds")]
    [InlineData("reportedFrom=last-tuesday", "reportedFrom")]
    [InlineData("reportedFrom=2025-01-01&reportedTo=2024-01-01", "reportedTo")]
    [InlineData("mode=sideways", "mode")]
    [InlineData("minConfidence=1.5", "MinConfidence")]
    public async Task GetPaths_BadParameter_Returns400NamingIt(string parameter, string errorKey)
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/api/paths?from=a&to=b&" + parameter, UriKind.Relative), Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(keys, k => string.Equals(k, errorKey, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GetPaths_MissingFrom_Returns400()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/api/paths?to=b", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetPaths_TypeFilterExcludingEverything_ReturnsNoPaths()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();

        var answer = await ApiAssert.GetJsonAsync(client, "/api/paths?from=Elon%20Musk&to=Vladimir%20Putin&types=AWARDED_BY");

        Assert.Equal(0, answer.GetProperty("paths").GetArrayLength());
    }
}
