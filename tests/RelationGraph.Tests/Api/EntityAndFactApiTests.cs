using System.Net;

namespace RelationGraph.Tests.Api;

public sealed class EntityAndFactApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SearchEntities_SeedName_FindsThePersonWithKindAsString()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();

        var found = await ApiAssert.GetJsonAsync(client, "/api/entities?q=Vladimir%20Putin&kind=person&limit=5");

        var first = found.EnumerateArray().First();
        Assert.Equal("Vladimir Putin", first.GetProperty("name").GetString());
        Assert.Equal("Person", first.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("/api/entities?q=x&kind=Planet")]
    [InlineData("/api/entities?q=x&limit=1000")]
    [InlineData("/api/entities?kind=Person")]
    public async Task SearchEntities_BadQuery_Returns400(string url)
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetEntity_ByNameAndById_ReturnsFacts()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();

        var byName = await ApiAssert.GetJsonAsync(client, "/api/entities/Elon%20Musk");
        var id = byName.GetProperty("entity").GetProperty("id").GetString();
        var byId = await ApiAssert.GetJsonAsync(client, "/api/entities/" + id);

        Assert.NotEqual(0, byId.GetProperty("facts").GetArrayLength());
        Assert.Equal(byName.GetProperty("facts").GetArrayLength(), byId.GetProperty("facts").GetArrayLength());
    }

    [Fact]
    public async Task GetEntity_Unknown_Returns404Problem()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/api/entities/per_0000000000000000", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetNeighbours_FilteredByType_OnlyThatType()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();
        var all = await ApiAssert.GetJsonAsync(client, "/api/entities/Elon%20Musk/neighbours");
        var someType = all.EnumerateArray().First().GetProperty("fact").GetProperty("type").GetString();

        var filtered = await ApiAssert.GetJsonAsync(client, "/api/entities/Elon%20Musk/neighbours?types=" + someType);

        Assert.NotEqual(0, filtered.GetArrayLength());
        Assert.All(filtered.EnumerateArray(), n => Assert.Equal(someType, n.GetProperty("fact").GetProperty("type").GetString()));
        var badType = await client.GetAsync(new Uri("/api/entities/Elon%20Musk/neighbours?types=LIKES", UriKind.Relative), Ct);
        await ApiAssert.ProblemAsync(badType, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetEvidence_Pages_ReturnsTotalAndOnePageAtATime()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();
        var neighbours = await ApiAssert.GetJsonAsync(client, "/api/entities/Elon%20Musk/neighbours");
        var factKey = neighbours.EnumerateArray().First().GetProperty("fact").GetProperty("factKey").GetString();

        var page = await ApiAssert.GetJsonAsync(client, $"/api/facts/{factKey}/evidence?offset=0&limit=1");

        Assert.True(page.GetProperty("total").GetInt32() >= 1);
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.Equal(factKey, page.GetProperty("fact").GetProperty("factKey").GetString());
        var unknown = await client.GetAsync(new Uri("/api/facts/fact_0000000000000000/evidence", UriKind.Relative), Ct);
        await ApiAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        var badLimit = await client.GetAsync(new Uri($"/api/facts/{factKey}/evidence?limit=0", UriKind.Relative), Ct);
        await ApiAssert.ProblemAsync(badLimit, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_LiveAndReady_Answer200()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheEndpointsAndReferencePageIsServed()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        var reference = await client.GetAsync(new Uri("/scalar", UriKind.Relative), Ct);

        Assert.Contains("/api/paths", document, StringComparison.Ordinal);
        Assert.Contains("/api/documents", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public async Task Health_StoreCannotBeOpened_LiveButNotReady()
    {
        using var work = new RelationGraph.Tests.Core.Ingestion.TempFolder("work");
        await using var app = new RelationGraphApp { SeedFolder = "", DatabasePathOverride = work.Path };
        using var client = app.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }
}
