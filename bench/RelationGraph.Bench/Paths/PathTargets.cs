using RelationGraph.Core.PathIndexing;
using RelationGraph.Core.Paths;
using RelationGraph.Storage.Sqlite;

namespace RelationGraph.Bench.Paths;

/// <summary>One benchmark pair: interned numbers for the reference, entity ids for everything else.</summary>
internal readonly record struct Pair(int From, int To, string FromId, string ToId);

/// <summary>Something that answers a path query; a REST client over <c>GET /api/paths</c> can implement it too.</summary>
internal interface IPathTarget
{
    string Name { get; }

    /// <summary>Length of the best path found, or -1.</summary>
    ValueTask<int> SearchAsync(Pair pair);
}

internal sealed class ReferenceTarget(ReferenceBfs reference) : IPathTarget
{
    public string Name => "reference bidirectional BFS (CSR)";

    public ValueTask<int> SearchAsync(Pair pair) => ValueTask.FromResult(reference.ShortestLength(pair.From, pair.To, PathRequest.MaxHopsLimit));
}

/// <summary>The path index alone: search, no SQLite.</summary>
internal sealed class IndexTarget(string name, PathIndex index, PathMode mode, int k, PathFilter? filter = null) : IPathTarget
{
    public string Name => name;

    public ValueTask<int> SearchAsync(Pair pair)
    {
        var request = new PathRequest { FromId = pair.FromId, ToId = pair.ToId, Mode = mode, K = k, MaxHops = PathRequest.MaxHopsLimit, Filter = filter ?? PathFilter.None };
        var deadline = TimeProvider.System.GetTimestamp() + (long)(request.Timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        var result = index.FindPaths(request, TimeProvider.System, deadline);
        return ValueTask.FromResult(result.Paths.Count == 0 ? -1 : result.Paths[0].Hops.Count);
    }
}

/// <summary>The whole store call: index search, then facts, entities and the best evidence per hop from SQLite.</summary>
internal sealed class StoreTarget(string name, SqliteGraphStore store, PathMode mode, int k) : IPathTarget
{
    public string Name => name;

    public async ValueTask<int> SearchAsync(Pair pair)
    {
        var result = await store.FindPathsAsync(new PathRequest { FromId = pair.FromId, ToId = pair.ToId, Mode = mode, K = k, MaxHops = PathRequest.MaxHopsLimit });
        return result.Paths.Count == 0 ? -1 : result.Paths[0].Length;
    }
}
