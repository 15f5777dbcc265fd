using System.Net;
using System.Text.Json;
using RelationGraph.Core.Model;

namespace RelationGraph.Tests.Api;

public sealed class JudgementApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Key = "s3cret";

    private static readonly string Bethany = StableId.Entity(EntityKind.Person, "Bethany Redfern");
    private static readonly string Beth = StableId.Entity(EntityKind.Person, "Beth Redfern");

    private const string Filing = "Bethany Redfern, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.";
    private const string Profile = "Beth Redfern, chief executive of Halvorsen Shipping, met Ana Ruiz in Bergen.";

    private static RelationGraphApp App() => new()
    {
        SeedFolder = "",
        ApiKey = Key,
        Settings = new() { ["Api:KeyOwner"] = "news desk" },
    };

    private static HttpClient Client(RelationGraphApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private static async Task<string> PostDocumentAsync(HttpClient client, string id, string text)
    {
        var response = await ApiAssert.PostJsonAsync(client, "/api/documents", new { id, text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await ApiAssert.OkJsonAsync(response, response.StatusCode)).GetProperty("documentId").GetString()!;
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url) => client.GetAsync(new Uri(url, UriKind.Relative), Ct);

    [Fact]
    public async Task PostJudgement_Merge_StoredWithWhoWhenWhyAndHoldsAcrossRepostAndDelete()
    {
        await using var app = App();
        using var client = Client(app);
        var filing = await PostDocumentAsync(client, "filing", Filing);
        await PostDocumentAsync(client, "profile", Profile);

        var response = await ApiAssert.PostJsonAsync(client, "/api/judgements",
            new { kind = "merge", entity = "Beth Redfern", other = "Bethany Redfern", reason = "same register entry", by = "ana" });

        var created = await ApiAssert.OkJsonAsync(response, HttpStatusCode.Created);
        var judgement = created.GetProperty("judgement");
        var id = judgement.GetProperty("id").GetString()!;
        Assert.Equal("/api/judgements/" + id, response.Headers.Location?.OriginalString);
        Assert.Equal("merge", judgement.GetProperty("kind").GetString());
        Assert.Equal((Beth, "Person"), (judgement.GetProperty("entity").GetProperty("id").GetString(), judgement.GetProperty("entity").GetProperty("kind").GetString()));
        Assert.Equal(Bethany, judgement.GetProperty("other").GetProperty("id").GetString());
        Assert.Equal("ana (via news desk)", judgement.GetProperty("author").GetString());
        Assert.Equal("same register entry", judgement.GetProperty("reason").GetString());
        Assert.True(judgement.TryGetProperty("createdAt", out _));
        Assert.All(created.GetProperty("documents").EnumerateArray(), d => Assert.Equal("updated", d.GetProperty("status").GetString()));
        Assert.Equal(2, created.GetProperty("documents").GetArrayLength());
        await ApiAssert.ProblemAsync(await GetAsync(client, "/api/entities/" + Beth), HttpStatusCode.NotFound);

        await PostDocumentAsync(client, "profile", Profile + " Beth Redfern later chaired Corvane Dynamics.");
        var removed = await client.DeleteAsync(new Uri("/api/documents/" + filing, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await ApiAssert.ProblemAsync(await GetAsync(client, "/api/entities/" + Beth), HttpStatusCode.NotFound);
        var bethany = await ApiAssert.GetJsonAsync(client, "/api/entities/Beth%20Redfern");
        Assert.Equal(Bethany, bethany.GetProperty("entity").GetProperty("id").GetString());
        var listed = await ApiAssert.GetJsonAsync(client, "/api/judgements");
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(id, (await ApiAssert.GetJsonAsync(client, "/api/judgements/" + id)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task DeleteJudgement_RevokesItKeepingTheRecord_TheEntityComesBack_SecondDeleteIs409()
    {
        await using var app = App();
        using var client = Client(app);
        await PostDocumentAsync(client, "filing", Filing);
        await PostDocumentAsync(client, "profile", Profile);
        var made = await ApiAssert.OkJsonAsync(await ApiAssert.PostJsonAsync(client, "/api/judgements",
            new { kind = "merge", entity = Beth, other = Bethany }), HttpStatusCode.Created);
        var id = made.GetProperty("judgement").GetProperty("id").GetString()!;

        var revoked = await ApiAssert.OkJsonAsync(await client.DeleteAsync(new Uri($"/api/judgements/{id}?by=lead", UriKind.Relative), Ct));
        var again = await client.DeleteAsync(new Uri($"/api/judgements/{id}", UriKind.Relative), Ct);

        Assert.Equal("lead (via news desk)", revoked.GetProperty("judgement").GetProperty("revokedBy").GetString());
        Assert.Equal("news desk", revoked.GetProperty("judgement").GetProperty("author").GetString());
        Assert.True(revoked.GetProperty("judgement").TryGetProperty("revokedAt", out _));
        Assert.Equal(Beth, (await ApiAssert.GetJsonAsync(client, "/api/entities/" + Beth)).GetProperty("entity").GetProperty("id").GetString());
        await ApiAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        var listed = Assert.Single((await ApiAssert.GetJsonAsync(client, "/api/judgements")).EnumerateArray());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("revokedAt").ValueKind);
        await ApiAssert.ProblemAsync(await client.DeleteAsync(new Uri("/api/judgements/jdg_0000000000000000", UriKind.Relative), Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostJudgement_WithoutTheKey_Is401AndStoresNothing()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var response = await ApiAssert.PostJsonAsync(client, "/api/judgements", new { kind = "distinct", entity = "A", other = "B" });
        var revoke = await client.DeleteAsync(new Uri("/api/judgements/jdg_0000000000000000", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(revoke, HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await ApiAssert.GetJsonAsync(client, "/api/judgements")).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"entity": "Beth Redfern", "other": "Bethany Redfern"}""", "Kind")]
    [InlineData("""{"kind": "sideways", "entity": "Beth Redfern", "other": "Bethany Redfern"}""", "kind")]
    [InlineData("""{"kind": "split", "entity": "Beth Redfern", "name": "Beth R.", "entityKind": "Planet", "documents": ["doc_1"]}""", "entityKind")]
    [InlineData("""{"kind": "split", "entity": "Beth Redfern", "name": "Beth R."}""", "documents")]
    [InlineData("""{"kind": "merge", "entity": "Beth Redfern", "other": "beth  REDFERN"}""", "other")]
    public async Task PostJudgement_InvalidBody_Is400NamingTheField(string body, string field)
    {
        await using var app = App();
        using var client = Client(app);
        await PostDocumentAsync(client, "profile", Profile);

        var response = await client.PostAsync(new Uri("/api/judgements", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task PostJudgement_UnknownEntity404_MergeOfEntitiesJudgedDistinct409()
    {
        await using var app = App();
        using var client = Client(app);
        await PostDocumentAsync(client, "filing", Filing);
        await PostDocumentAsync(client, "profile", Profile);
        await ApiAssert.OkJsonAsync(await ApiAssert.PostJsonAsync(client, "/api/judgements",
            new { kind = "distinct", entity = "Beth Redfern", other = "Bethany Redfern", reason = "different birth years" }), HttpStatusCode.Created);

        var unknown = await ApiAssert.PostJsonAsync(client, "/api/judgements", new { kind = "merge", entity = "Nobody Known", other = "Bethany Redfern" });
        var conflict = await ApiAssert.PostJsonAsync(client, "/api/judgements", new { kind = "merge", entity = "Beth Redfern", other = "Bethany Redfern" });

        Assert.Equal("entity", (await ApiAssert.ProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("parameter").GetString());
        Assert.Contains("judged different", (await ApiAssert.ProblemAsync(conflict, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await ApiAssert.GetJsonAsync(client, "/api/judgements")).EnumerateArray());
    }

    [Fact]
    public async Task OpenApi_JudgementEndpoints_DescribeTheirStatusesAndTheKey()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var paths = (await ApiAssert.GetJsonAsync(client, "/openapi/v1.json")).GetProperty("paths");

        var post = paths.GetProperty("/api/judgements").GetProperty("post");
        foreach (var status in new[] { "201", "400", "401", "404", "409", "429", "503" })
        {
            Assert.True(post.GetProperty("responses").TryGetProperty(status, out _), "POST /api/judgements lacks " + status);
        }

        Assert.Equal("ApiKey", post.GetProperty("security")[0].EnumerateObject().Single().Name);
        var delete = paths.GetProperty("/api/judgements/{id}").GetProperty("delete");
        Assert.True(delete.GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(paths.GetProperty("/api/judgements").TryGetProperty("get", out _));
    }
}
