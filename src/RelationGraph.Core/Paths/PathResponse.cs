using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Paths;

/// <summary>The answer to a path query, as <c>GET /api/paths</c> and <c>relgraph path --json</c> give it.</summary>
/// <param name="From">The start entity the query resolved to.</param>
/// <param name="To">The end entity.</param>
/// <param name="Mode">Shortest, k-shortest or all simple paths.</param>
/// <param name="TimedOut">True when the time limit stopped the search; <paramref name="Paths"/> holds what was found by then.</param>
/// <param name="ElapsedMs">Search time in milliseconds.</param>
/// <param name="Paths">Paths, shortest first; every hop carries its fact, real direction and evidence.</param>
public sealed record PathResponse(EntitySummary From, EntitySummary To, PathMode Mode, bool TimedOut, double ElapsedMs, IReadOnlyList<GraphPath> Paths)
{
    /// <summary>The answer for a search between two resolved entities.</summary>
    public static PathResponse Of(EntitySummary from, EntitySummary to, PathMode mode, PathResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(from, to, mode, result.TimedOut, result.Elapsed.TotalMilliseconds, result.Paths);
    }
}
