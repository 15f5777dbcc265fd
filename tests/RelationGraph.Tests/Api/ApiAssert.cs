using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RelationGraph.Tests.Api;

internal static class ApiAssert
{
    /// <summary>Asserts a Problem Details answer with this status and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }

    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url) =>
        await OkJsonAsync(await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken));

    /// <summary>The text between two code-point offsets (end exclusive), as evidence spans count them.</summary>
    public static string CodePointSlice(string text, int start, int end)
    {
        var runes = text.EnumerateRunes().ToArray();
        Assert.InRange(start, 0, runes.Length);
        Assert.InRange(end, start, runes.Length);
        var builder = new StringBuilder();
        foreach (var rune in runes[start..end])
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(new Uri(url, UriKind.Relative), body, TestContext.Current.CancellationToken);
}
