using System.Net;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Api;

public sealed class StoreStartupApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_StorePathThatCannotBeCreated_ServesWithReadyAnswering503()
    {
        using var folder = new TempFolder("unusable");
        var blocker = Path.Combine(folder.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder", Ct);
        await using var app = new RelationGraphApp { DatabasePathOverride = Path.Combine(blocker, "graph.db") };
        using var client = app.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task GetAndDelete_CallersOwnId_FindTheDocumentItPosted()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        var posted = await ApiAssert.OkJsonAsync(await ApiAssert.PostJsonAsync(client, "/api/documents",
            new { id = "story-1", text = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo." }), HttpStatusCode.Created);

        var byCallerId = await ApiAssert.GetJsonAsync(client, "/api/documents/story-1");
        var removed = await ApiAssert.OkJsonAsync(await client.DeleteAsync(new Uri("/api/documents/story-1", UriKind.Relative), Ct));

        Assert.Equal(posted.GetProperty("documentId").GetString(), byCallerId.GetProperty("document").GetProperty("id").GetString());
        Assert.Equal(posted.GetProperty("documentId").GetString(), removed.GetProperty("documentId").GetString());
    }
}
