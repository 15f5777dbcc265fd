using Microsoft.AspNetCore.Http.HttpResults;
using RelationGraph.Api.Entities;
using RelationGraph.Api.Hosting;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Paths;

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
                "one that does not stop within its limit plus a grace period answers 503. Names match with or without titles, middle initials, diacritics and case, " +
                "and a family name alone finds the one person of that name. Unknown entity: 404; ambiguous name: 409 with the candidates, " +
                "most documented first, each with its kind, aliases, document count and a quote.");
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
        if (await EntityProblems.ForLookupAsync(from, query.From!, "from", store, cancellationToken) is { } fromProblem)
        {
            return fromProblem;
        }

        var to = await store.ResolveAsync(query.To!, cancellationToken);
        if (await EntityProblems.ForLookupAsync(to, query.To!, "to", store, cancellationToken) is { } toProblem)
        {
            return toProblem;
        }

        var request = new PathRequest
        {
            FromId = from.Entity!.Id,
            ToId = to.Entity!.Id,
            Mode = mode!.Value,
            MaxHops = query.MaxHops ?? PathRequest.DefaultMaxHops,
            K = query.K ?? PathRequest.DefaultK,
            Filter = filter,
            EvidencePerHop = query.EvidencePerHop ?? PathRequest.DefaultEvidencePerHop,
        };

        using var hardLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardLimit.CancelAfter(request.Timeout + HardLimitGrace);
        try
        {
            var result = await store.FindPathsAsync(request, hardLimit.Token);
            return Utf8JsonResults.Ok(PathResponse.Of(from.Entity, to.Entity, request.Mode, result), PathJsonContext.Default.PathResponse);
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
