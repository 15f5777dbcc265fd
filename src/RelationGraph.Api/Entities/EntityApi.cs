using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using RelationGraph.Api.Paths;
using RelationGraph.Core.Model;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Entities;

/// <summary>Query string of <c>GET /api/entities</c>.</summary>
public sealed class EntitySearchQuery
{
    /// <summary>Name or alias text to look for.</summary>
    [Required(AllowEmptyStrings = false)]
    public string? Q { get; set; }

    /// <summary>Only this kind: Person, Organisation, Contract or Investigation.</summary>
    public string? Kind { get; set; }

    /// <summary>At most this many, 1–100 (default 20).</summary>
    [Range(1, 100)]
    public int? Limit { get; set; }
}

/// <summary>Query string of <c>GET /api/entities/{id}/neighbours</c>.</summary>
public sealed class NeighbourQuery : FilterQuery
{
    /// <summary>At most this many facts, 1–500 (default 50).</summary>
    [Range(1, 500)]
    public int? Limit { get; set; }
}

internal static class EntityApi
{
    public static RouteGroupBuilder MapEntityApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/entities").WithTags("Entities");
        group.MapGet("/", SearchAsync)
            .WithName("SearchEntities")
            .WithSummary("Entities whose name or alias matches q: exact first, then prefix and contains.")
            .WithDescription("Names and aliases match with or without titles, middle initials, diacritics and case. A q of fewer than " +
                "three characters matches whole names and their starts only; longer ones also the inside of names. Within each of the " +
                "three ranks: most documents first, then most mentions, then name.");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetEntity")
            .WithSummary("One entity (id or unambiguous name) with its attributes and facts; an ambiguous name answers 409 with the candidates.");
        group.MapGet("/{id}/neighbours", GetNeighboursAsync)
            .WithName("GetNeighbours")
            .WithSummary("Facts touching an entity, with the entity at the other end, filtered as path queries are.");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<EntitySummary>>, ValidationProblem>> SearchAsync(
        [AsParameters] EntitySearchQuery query, IGraphStore store, CancellationToken cancellationToken)
    {
        EntityKind? kind = null;
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            if (!EntityKinds.TryParse(query.Kind, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["kind"] = [$"Unknown entity kind '{query.Kind}'. Known: {string.Join(", ", EntityKinds.All)}."],
                });
            }

            kind = parsed;
        }

        var found = await store.SearchEntitiesAsync(new EntitySearch(query.Q!.Trim(), kind, query.Limit ?? 20), cancellationToken);
        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<EntityDetail>, ProblemHttpResult>> GetAsync(string id, IGraphStore store, CancellationToken cancellationToken)
    {
        var lookup = await store.ResolveAsync(id, cancellationToken);
        if (await EntityProblems.ForLookupAsync(lookup, id, "id", store, cancellationToken) is { } problem)
        {
            return problem;
        }

        var detail = await store.GetEntityAsync(lookup.Entity!.Id, cancellationToken);
        return detail is null ? EntityProblems.NotFound(id, "id") : TypedResults.Ok(detail);
    }

    public static async Task<Results<Ok<IReadOnlyList<Neighbour>>, ValidationProblem, ProblemHttpResult>> GetNeighboursAsync(
        string id, [AsParameters] NeighbourQuery query, IGraphStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = QueryParsing.ToFilter(query, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var lookup = await store.ResolveAsync(id, cancellationToken);
        if (await EntityProblems.ForLookupAsync(lookup, id, "id", store, cancellationToken) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await store.GetNeighboursAsync(lookup.Entity!.Id, filter, query.Limit ?? 50, cancellationToken));
    }
}
