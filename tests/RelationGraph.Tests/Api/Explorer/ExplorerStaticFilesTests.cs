using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RelationGraph.Tests.Api.Explorer;

/// <summary>How the explorer's files are served: CSP, caching, and only the public API in its script.</summary>
public sealed partial class ExplorerStaticFilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetRoot_ServesThePageWithASameOriginCspAndRevalidation()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>RelationGraph explorer</title>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("'none'", directives["default-src"]);
        Assert.All(["script-src", "style-src", "connect-src", "img-src"], d => Assert.Equal("'self'", directives[d]));
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task GetScript_SameETagAgain_Answers304WithoutABody()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        using var first = await client.GetAsync(new Uri("/explorer.js", UriKind.Relative), Ct);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/explorer.js", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await client.SendAsync(again, Ct);

        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        Assert.True(first.Headers.CacheControl?.NoCache);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task GetVendoredLibrary_VersionedPath_IsCachedAsImmutable()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/vendor/cytoscape-3.35.0/cytoscape.min.js", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
        Assert.NotNull(response.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task GetApi_JsonAnswers_CarryNoExplorerHeaders()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/documents", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task ExplorerScript_CallsOnlyEndpointsOfTheOpenApiDocumentAndNeverWritesHtml()
    {
        await using var app = new RelationGraphApp { SeedFolder = "" };
        using var client = app.CreateClient();
        var script = await client.GetStringAsync(new Uri("/explorer.js", UriKind.Relative), Ct);
        using var openApi = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));
        var documented = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => Regex.Replace(p.Name, "\\{[^}]+\\}", "{}").TrimEnd('/')).ToHashSet();

        var called = ApiCall().Matches(script).Select(m => Regex.Replace(m.Groups["path"].Value, "\\$\\{[^}]+\\}", "{}")).ToHashSet();

        Assert.Equal(
            ["/api/documents", "/api/documents/{}", "/api/documents/{}/mentions", "/api/entities", "/api/entities/{}", "/api/entities/{}/neighbours",
             "/api/facts/{}/evidence", "/api/paths"],
            called.Order());
        Assert.All(called, path => Assert.Contains(path, documented));
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
        {
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        }
    }

    // a call's path in a template or string literal: `/api/...` up to the query string or the closing quote
    [GeneratedRegex("""[`'](?<path>/api/[^`'?]*)""")]
    private static partial Regex ApiCall();
}
