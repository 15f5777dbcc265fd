using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Facts;

/// <summary>Paging of <c>GET /api/facts/{factKey}/evidence</c>.</summary>
public sealed class EvidencePageQuery
{
    /// <summary>Items to skip.</summary>
    [Range(0, int.MaxValue)]
    public int? Offset { get; set; }

    /// <summary>Page size, 1–200 (default 20).</summary>
    [Range(1, 200)]
    public int? Limit { get; set; }
}

internal static class FactApi
{
    public static RouteGroupBuilder MapFactApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/facts").WithTags("Facts");
        group.MapGet("/{factKey}/evidence", GetEvidenceAsync)
            .WithName("GetFactEvidence")
            .WithSummary("A page of the evidence behind a fact: quote, document, span (code points, end exclusive), citations.");
        return group;
    }

    public static async Task<Results<Ok<EvidencePage>, ProblemHttpResult>> GetEvidenceAsync(
        string factKey, [AsParameters] EvidencePageQuery query, IGraphStore store, CancellationToken cancellationToken)
    {
        var page = await store.GetEvidenceAsync(factKey, query.Offset ?? 0, query.Limit ?? 20, cancellationToken);
        return page is null
            ? TypedResults.Problem(title: "Unknown fact", detail: $"No fact has the key '{factKey}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(page);
    }
}
