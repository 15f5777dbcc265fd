using System.Net;

namespace RelationGraph.Tests.Api;

public sealed class DocumentMentionsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetMentions_SeedDocument_SpansSliceToTheirTextInTextOrder()
    {
        await using var app = new RelationGraphApp();
        using var client = app.CreateClient();
        var id = (await ApiAssert.GetJsonAsync(client, "/api/documents"))[0].GetProperty("id").GetString();
        var text = (await ApiAssert.GetJsonAsync(client, $"/api/documents/{id}")).GetProperty("text").GetString()!;

        var mentions = (await ApiAssert.GetJsonAsync(client, $"/api/documents/{id}/mentions")).EnumerateArray().ToList();

        Assert.True(mentions.Count > 50, $"{mentions.Count} mentions");
        Assert.All(mentions, m => Assert.Equal(
            m.GetProperty("text").GetString(),
            ApiAssert.CodePointSlice(text, m.GetProperty("start").GetInt32(), m.GetProperty("end").GetInt32())));
        Assert.All(mentions, m => Assert.Matches("^(per|org|con|inv)_[0-9a-f]{16}$", m.GetProperty("entityId").GetString()));
        var starts = mentions.Select(m => m.GetProperty("start").GetInt32()).ToList();
        Assert.Equal(starts.Order(), starts);
    }

    [Fact]
    public async Task GetMentions_AstralCharactersBeforeNames_OffsetsCountCodePoints()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        const string text = "𝔸𝔹 Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.";
        var posted = await ApiAssert.OkJsonAsync(await ApiAssert.PostJsonAsync(client, "/api/documents", new { text }), HttpStatusCode.Created);

        var mentions = await ApiAssert.GetJsonAsync(client, $"/api/documents/{posted.GetProperty("documentId").GetString()}/mentions");

        var marta = mentions.EnumerateArray().First(m => m.GetProperty("text").GetString() == "Marta Lindqvist");
        Assert.Equal(3, marta.GetProperty("start").GetInt32());
        Assert.Equal(18, marta.GetProperty("end").GetInt32());
    }

    [Fact]
    public async Task GetMentions_UnknownDocument_Returns404()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/api/documents/doc_0000000000000000/mentions", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetEvidence_DatedDocument_PageCarriesThePublicationDateAndPathAnswersDoNot()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        await ApiAssert.PostJsonAsync(client, "/api/documents", new
        {
            title = "Oslo", publishedAt = "2024-06-01T00:00:00Z",
            text = "Marta Lindqvist, chief executive of Corvane Dynamics, met Tomas Brennholt in Oslo.",
        });
        var path = await ApiAssert.GetJsonAsync(client, "/api/paths?from=Marta%20Lindqvist&to=Corvane%20Dynamics");
        var factKey = path.GetProperty("paths")[0].GetProperty("hops")[0].GetProperty("fact").GetProperty("factKey").GetString();

        var page = await ApiAssert.GetJsonAsync(client, $"/api/facts/{factKey}/evidence");

        var item = page.GetProperty("items")[0];
        Assert.Equal("2024-06-01T00:00:00+00:00", item.GetProperty("documentPublishedAt").GetString());
        Assert.False(path.GetProperty("paths")[0].GetProperty("hops")[0].GetProperty("evidence")[0].TryGetProperty("documentPublishedAt", out _));
    }
}
