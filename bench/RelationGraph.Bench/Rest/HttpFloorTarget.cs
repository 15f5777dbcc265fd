using System.Net;
using RelationGraph.Bench.Paths;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// <c>GET /health/live</c>: a round trip through the same host, client and connection that runs no store code,
/// so the loopback HTTP + Kestrel + middleware floor under the path figure can be read off.
/// </summary>
internal sealed class HttpFloorTarget(HttpClient client) : IPathTarget
{
    private static readonly Uri Live = new("/health/live", UriKind.Relative);

    public string Name => "REST GET /health/live (HTTP floor)";

    /// <summary>Always 0: it finds no path.</summary>
    public async ValueTask<int> SearchAsync(Pair pair)
    {
        using var response = await client.GetAsync(Live, HttpCompletionOption.ResponseContentRead);
        _ = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK ? 0 : throw new HttpRequestException($"GET {Live} answered {(int)response.StatusCode}.");
    }
}
