using RelationGraph.Bench.Paths;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Bench.Rest;

/// <summary>
/// What <c>GET /api/paths</c> does before it searches: resolve both ends with <see cref="EntityLookup.ResolveAsync"/>.
/// Timed alone so the REST figure can be split into resolve + store call + HTTP/JSON.
/// </summary>
internal sealed class ResolveTarget(IGraphStore store) : IPathTarget
{
    public string Name => "ResolveAsync(from) + ResolveAsync(to)";

    /// <summary>0 when both ends resolved (this target finds no path), else -1.</summary>
    public async ValueTask<int> SearchAsync(Pair pair)
    {
        var from = await store.ResolveAsync(pair.FromId);
        var to = await store.ResolveAsync(pair.ToId);
        return from.Entity is null || to.Entity is null ? -1 : 0;
    }
}
