using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace RelationGraph.Tests.Api;

/// <summary>The API key (writes, and reads when asked), a locked store, and limits answered as Problem Details.</summary>
public sealed class DoorApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Key = "s3cret-key";

    private static HttpRequestMessage Get(string url, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task Get_ProtectReadsWithoutTheKey_401ForEveryApiReadButHealthStaysOpen()
    {
        await using var app = new RelationGraphApp { ApiKey = Key, Settings = { ["Api:ProtectReads"] = "true" } };
        using var client = app.CreateClient();

        using var documents = await client.SendAsync(Get("/api/documents"), Ct);
        using var paths = await client.SendAsync(Get("/api/paths?from=Elon%20Musk&to=Vladimir%20Putin"), Ct);
        using var withKey = await client.SendAsync(Get("/api/documents", Key), Ct);
        using var wrongKey = await client.SendAsync(Get("/api/documents", "nope"), Ct);
        using var ready = await client.SendAsync(Get("/health/ready"), Ct);

        await ApiAssert.ProblemAsync(documents, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(paths, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(wrongKey, HttpStatusCode.Unauthorized);
        Assert.NotEmpty((await ApiAssert.OkJsonAsync(withKey)).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Get_KeySetReadsNotProtected_ReadsStayOpen()
    {
        await using var app = new RelationGraphApp { ApiKey = Key };
        using var client = app.CreateClient();

        using var documents = await client.SendAsync(Get("/api/documents"), Ct);

        Assert.Equal(HttpStatusCode.OK, documents.StatusCode);
    }

    [Fact]
    public async Task Requests_WithoutKeyAndInvalid_401BeforeAnyValidation()
    {
        await using var app = new RelationGraphApp { ApiKey = Key, SeedFolder = "", Settings = { ["Api:ProtectReads"] = "true" } };
        using var client = app.CreateClient();
        using var body = new StringContent("text", Encoding.UTF8, "application/x-unknown");

        using var badQuery = await client.SendAsync(Get("/api/paths?from=a&to=b&maxHops=99"), Ct);
        using var badPost = await client.PostAsync(new Uri("/api/documents?id=" + new string('x', 600) + "&publishedAt=never", UriKind.Relative), body, Ct);
        using var unknownDelete = await client.DeleteAsync(new Uri("/api/documents/nothing", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(badQuery, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(badPost, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(unknownDelete, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Start_ProtectReadsWithoutAKey_RefusesToStart()
    {
        await using var app = new RelationGraphApp { SeedFolder = "", Settings = { ["Api:ProtectReads"] = "true" } };

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Api:Key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAndDelete_StoreLockedByAnotherWriter_503WithRetryAfter()
    {
        await using var app = new RelationGraphApp
        {
            Settings = { ["Storage:Sqlite:BusyTimeoutMilliseconds"] = "50", ["Storage:Sqlite:MaxRetryAttempts"] = "1" },
        };
        using var client = app.CreateClient();
        var seeded = (await ApiAssert.GetJsonAsync(client, "/api/documents"))[0].GetProperty("id").GetString()!;
        using var locker = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        locker.Open();
        using var transaction = locker.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: holds the write lock

        using var post = await ApiAssert.PostJsonAsync(client, "/api/documents", new { text = "Marta Lindqvist met Tomas Brennholt in Oslo." });
        using var delete = await client.DeleteAsync(new Uri("/api/documents/" + Uri.EscapeDataString(seeded), UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(post, HttpStatusCode.ServiceUnavailable);
        await ApiAssert.ProblemAsync(delete, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), post.Headers.RetryAfter?.Delta);
        Assert.Equal(TimeSpan.FromSeconds(5), delete.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Get_TargetOrHeadersOverTheLimits_414And431AsProblemDetails()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        using var bigHeaders = Get("/api/documents");
        bigHeaders.Headers.Add("X-Padding", new string('a', 40_000));

        using var longTarget = await client.SendAsync(Get("/api/entities?q=" + new string('a', 9_000)), Ct);
        using var headers = await client.SendAsync(bigHeaders, Ct);

        await ApiAssert.ProblemAsync(longTarget, HttpStatusCode.RequestUriTooLong);
        await ApiAssert.ProblemAsync(headers, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }
}
