using Microsoft.AspNetCore.Http.HttpResults;
using RelationGraph.Api.Entities;
using RelationGraph.Api.Hosting;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Paths;

/// <summary>The answer to a path query.</summary>
/// <param name="From">The start entity the query resolved to.</param>
/// <param name="To">The end entity.</param>
/// <param name="Mode">Shortest, k-shortest or all simple paths.</param>
/// <param name="TimedOut">True when the time limit stopped the search; <paramref name="Paths"/> holds what was found by then.</param>
/// <param name="ElapsedMs">Search time in milliseconds.</param>
/// <param name="Paths">Paths, shortest first; every hop carries its fact, real direction and evidence.</param>
public sealed record PathResponse(EntitySummary From, EntitySummary To, PathMode Mode, bool TimedOut, double ElapsedMs, IReadOnlyList<GraphPath> Paths);

internal static class PathApi
{
    // Headroom over the search's own time limit before the request is abandoned with 503.
    private static readonly TimeSpan HardLimitGrace = TimeSpan.FromSeconds(3);

    public static RouteGroupBuilder MapPathApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/paths").WithTags("Paths");
        group.MapGet("/", FindPathsAsync)
            .WithName("FindPaths")
            .WithSummary("Paths between two entities (ids or names), shortest first, with evidence per hop.")
            .WithDescription("A search that reaches its time limit answers 200 with timedOut=true and the paths found so far; " +
                "one that does not stop within its limit plus a grace period answers 503. Unknown entity: 404; ambiguous name: 409 with candidates.");
        return group;
    }

    public static async Task<Results<Utf8JsonOk<PathResponse>, ValidationProblem, ProblemHttpResult>> FindPathsAsync(
        [AsParameters] PathQuery query, IGraphStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = QueryParsing.ToFilter(query, errors);
        var mode = QueryParsing.ParseMode(query.Mode, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var from = await store.ResolveAsync(query.From!, cancellationToken);
        if (EntityProblems.ForLookup(from, query.From!, "from") is { } fromProblem)
        {
            return fromProblem;
        }

        var to = await store.ResolveAsync(query.To!, cancellationToken);
        if (EntityProblems.ForLookup(to, query.To!, "to") is { } toProblem)
        {
            return toProblem;
        }

        var request = new PathRequest
        {
            FromId = from.Entity!.Id,
            ToId = to.Entity!.Id,
            Mode = mode!.Value,
            MaxHops = query.MaxHops ?? 4,
            K = query.K ?? 3,
            Filter = filter,
            EvidencePerHop = query.EvidencePerHop ?? 3,
        };

        using var hardLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardLimit.CancelAfter(request.Timeout + HardLimitGrace);
        try
        {
            var result = await store.FindPathsAsync(request, hardLimit.Token);
            return Utf8JsonResults.Ok(
                new PathResponse(from.Entity, to.Entity, request.Mode, result.TimedOut, result.Elapsed.TotalMilliseconds, result.Paths),
                PathJsonContext.Default.PathResponse);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Problem(
                title: "Path search timed out",
                detail: $"The search did not finish within {(request.Timeout + HardLimitGrace).TotalSeconds:0.#} s. Narrow it: fewer hops, filters, or a lower maxDegree.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
