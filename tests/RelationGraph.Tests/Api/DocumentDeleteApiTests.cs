using System.Net;
using System.Text.Json;

namespace RelationGraph.Tests.Api;

public sealed class DocumentDeleteApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The contract and the ministry appear only here; the chief executive also appears in SharedStory.
    private const string ContractStory = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo. " +
        "Corvane Dynamics won a $40 million contract from the Ministry of Transport in 2024 [3].";

    private const string SharedStory = "Marta Lindqvist, chief executive of Corvane Dynamics, spoke at the port of Bergen on Monday.";

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string documentId) =>
        client.DeleteAsync(new Uri("/api/documents/" + Uri.EscapeDataString(documentId), UriKind.Relative), Ct);

    private static async Task<string> PostAsync(HttpClient client, string id, string text)
    {
        var created = await ApiAssert.OkJsonAsync(await ApiAssert.PostJsonAsync(client, "/api/documents", new { id, text }), HttpStatusCode.Created);
        return created.GetProperty("documentId").GetString()!;
    }

    private static int Count(JsonElement changes, string name) => changes.GetProperty(name).GetInt32();

    [Fact]
    public async Task DeleteDocument_AfterPost_RemovesItAndPathsThroughItsFacts()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        var contractId = await PostAsync(client, "contract", ContractStory);
        await PostAsync(client, "shared", SharedStory);
        var before = await ApiAssert.GetJsonAsync(client, "/api/documents/" + contractId);
        var pathBefore = await ApiAssert.GetJsonAsync(client, "/api/paths?from=Marta%20Lindqvist&to=Ministry%20of%20Transport");
        Assert.NotEqual(0, pathBefore.GetProperty("paths").GetArrayLength());

        var removed = await ApiAssert.OkJsonAsync(await DeleteAsync(client, contractId));

        Assert.Equal(contractId, removed.GetProperty("documentId").GetString());
        Assert.Equal("removed", removed.GetProperty("status").GetString());
        var evidence = removed.GetProperty("evidence");
        Assert.Equal(before.GetProperty("evidenceCount").GetInt32(), Count(evidence, "removed"));
        Assert.Equal(0, Count(evidence, "added"));
        Assert.NotEqual(0, Count(removed.GetProperty("facts"), "removed"));
        Assert.NotEqual(0, Count(removed.GetProperty("entities"), "removed"));
        await ApiAssert.ProblemAsync(await client.GetAsync(new Uri("/api/documents/" + contractId, UriKind.Relative), Ct), HttpStatusCode.NotFound);
        // the ministry was only in the removed document, so it is gone, and no path leads to it
        var pathAfter = await client.GetAsync(new Uri("/api/paths?from=Marta%20Lindqvist&to=Ministry%20of%20Transport", UriKind.Relative), Ct);
        await ApiAssert.ProblemAsync(pathAfter, HttpStatusCode.NotFound);
        // what the other document supports stays, with only its own evidence
        var kept = await ApiAssert.GetJsonAsync(client, "/api/paths?from=Marta%20Lindqvist&to=Corvane%20Dynamics");
        var hop = kept.GetProperty("paths")[0].GetProperty("hops")[0];
        Assert.Equal(1, hop.GetProperty("fact").GetProperty("docCount").GetInt32());
        Assert.All(hop.GetProperty("evidence").EnumerateArray(), e => Assert.NotEqual(contractId, e.GetProperty("documentId").GetString()));
        var list = await ApiAssert.GetJsonAsync(client, "/api/documents");
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("id").GetString() == contractId);
    }

    [Fact]
    public async Task DeleteDocument_Twice_SecondIs404()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        var id = await PostAsync(client, "once", ContractStory);

        var first = await DeleteAsync(client, id);
        var second = await DeleteAsync(client, id);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ApiAssert.ProblemAsync(second, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteDocument_UnknownId_Returns404AndChangesNothing()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();
        var before = await ApiAssert.GetJsonAsync(client, "/api/documents");

        var response = await DeleteAsync(client, "doc_0000000000000000");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("doc_0000000000000000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await ApiAssert.GetJsonAsync(client, "/api/documents");
        Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
    }

    [Fact]
    public async Task DeleteDocument_ApiKeyConfigured_RejectsMissingOrWrongKey()
    {
        await using var app = new RelationGraphApp { SeedFolder = "", ApiKey = "s3cret" };
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");
        var id = await PostAsync(client, "guarded", ContractStory);
        client.DefaultRequestHeaders.Remove("X-Api-Key");

        var missing = await DeleteAsync(client, id);
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        var wrong = await DeleteAsync(client, id);
        var stillThere = await client.GetAsync(new Uri("/api/documents/" + id, UriKind.Relative), Ct);
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", "s3cret");
        var right = await DeleteAsync(client, id);

        await ApiAssert.ProblemAsync(missing, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task DeleteDocument_StoreCannotBeOpened_Returns503()
    {
        using var work = new RelationGraph.Tests.Core.Ingestion.TempFolder("work");
        // a folder where the database file should be: the store cannot open it
        await using var app = new RelationGraphApp { SeedFolder = "", DatabasePathOverride = work.Path };
        using var client = app.CreateClient();

        var response = await DeleteAsync(client, "doc_0000000000000000");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
    }
}
