using System.Text.Json;
using System.Text.Json.Serialization;
using RelationGraph.Bench.Paths;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// Serialising the store's answer as the API does (web defaults, enums as strings) to UTF-8, on results fetched
/// beforehand: the JSON share of the REST time, without HTTP.
/// </summary>
internal sealed class JsonSerializeTarget : IPathTarget
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly Dictionary<Pair, PathResult> _results;

    private JsonSerializeTarget(Dictionary<Pair, PathResult> results) => _results = results;

    public string Name => "JSON serialise the store's answer (no HTTP)";

    public static async Task<JsonSerializeTarget> CreateAsync(IGraphStore store, IReadOnlyList<Pair> pairs, int k)
    {
        var results = new Dictionary<Pair, PathResult>();
        foreach (var pair in pairs)
        {
            results[pair] = await store.FindPathsAsync(new PathRequest { FromId = pair.FromId, ToId = pair.ToId, Mode = PathMode.Shortest, K = k, MaxHops = PathRequest.MaxHopsLimit });
        }

        return new JsonSerializeTarget(results);
    }

    /// <summary>The number of bytes written (not a path length).</summary>
    public ValueTask<int> SearchAsync(Pair pair) => ValueTask.FromResult(JsonSerializer.SerializeToUtf8Bytes(_results[pair], WebJson).Length);
}
