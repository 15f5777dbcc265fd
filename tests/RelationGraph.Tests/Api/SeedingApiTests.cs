using System.Net;
using RelationGraph.Tests.Core.Ingestion;

namespace RelationGraph.Tests.Api;

public sealed class SeedingApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_StoreEmptiedByDelete_IsNotSeededAgain()
    {
        using var folder = new TempFolder("seeding");
        var database = Path.Combine(folder.Path, "graph.db");
        await using (var first = new RelationGraphApp { DatabasePathOverride = database })
        {
            using var client = first.CreateClient();
            var seeded = await ApiAssert.GetJsonAsync(client, "/api/documents");
            var id = Assert.Single(seeded.EnumerateArray()).GetProperty("id").GetString()!;
            await ApiAssert.OkJsonAsync(await client.DeleteAsync(new Uri("/api/documents/" + Uri.EscapeDataString(id), UriKind.Relative), Ct));
        }

        await using var second = new RelationGraphApp { DatabasePathOverride = database };
        using var restarted = second.CreateClient();
        var documents = await ApiAssert.GetJsonAsync(restarted, "/api/documents");

        Assert.Empty(documents.EnumerateArray());
        await ApiAssert.ProblemAsync(await restarted.GetAsync(new Uri("/api/paths?from=Elon%20Musk&to=Vladimir%20Putin", UriKind.Relative), Ct), HttpStatusCode.NotFound);
    }
}
