using System.Globalization;
using System.Net;
using System.Text.Json;
using RelationGraph.Bench.Paths;
using RelationGraph.Core.Paths;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// <c>GET /api/paths?from={id}&amp;to={id}&amp;maxHops=6&amp;k=3</c> over loopback HTTP/1.1, evidence included
/// (the API's default of 3 quotes per hop, as <see cref="PathRequest.EvidencePerHop"/>). The measured time
/// runs until the whole body has arrived and its JSON has been parsed far enough to read the path length.
/// </summary>
internal sealed class RestPathTarget(HttpClient client) : IPathTarget
{
    public const int K = 3;

    public string Name => $"REST GET /api/paths k={K} + evidence";

    public long ResponseBytes { get; private set; }

    public long Responses { get; private set; }

    public static Uri RequestUri(Pair pair) => new(string.Create(CultureInfo.InvariantCulture,
        $"/api/paths?from={Uri.EscapeDataString(pair.FromId)}&to={Uri.EscapeDataString(pair.ToId)}&maxHops={PathRequest.MaxHopsLimit}&k={K}"), UriKind.Relative);

    public async ValueTask<int> SearchAsync(Pair pair)
    {
        using var response = await client.GetAsync(RequestUri(pair), HttpCompletionOption.ResponseContentRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET {RequestUri(pair)} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        ResponseBytes += body.Length;
        Responses++;
        return ShortestLength(body);
    }

    /// <summary>Hops of the first (shortest) path in a <c>PathResponse</c> body, or -1 when it has none.</summary>
    public static int ShortestLength(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var paths = json.RootElement.GetProperty("paths");
        return paths.GetArrayLength() == 0 ? -1 : paths[0].GetProperty("hops").GetArrayLength();
    }
}
