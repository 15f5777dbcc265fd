using Microsoft.AspNetCore.Http.HttpResults;
using RelationGraph.Core.Paths;

namespace RelationGraph.Api.Entities;

/// <summary>A candidate for an ambiguous name, as the 409 problem lists it.</summary>
/// <param name="Id">Entity id, to use instead of the name.</param>
/// <param name="Kind">Person, Organisation, Contract or Investigation.</param>
/// <param name="Name">Canonical name.</param>
public sealed record EntityCandidate(string Id, string Kind, string Name);

internal static class EntityProblems
{
    /// <summary>404 for an unknown reference, 409 with the candidates for an ambiguous one, null when resolved.</summary>
    public static ProblemHttpResult? ForLookup(EntityLookupResult lookup, string reference, string parameter)
    {
        if (lookup.NotFound)
        {
            return NotFound(reference, parameter);
        }

        if (lookup.Entity is not null)
        {
            return null;
        }

        return TypedResults.Problem(
            title: "Ambiguous entity name",
            detail: $"'{reference}' ({parameter}) names {lookup.Candidates.Count} entities; pass one of the candidate ids instead.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?>
            {
                ["parameter"] = parameter,
                ["candidates"] = lookup.Candidates.Select(c => new EntityCandidate(c.Id, c.Kind.ToString(), c.Name)).ToList(),
            });
    }

    public static ProblemHttpResult NotFound(string reference, string parameter) =>
        TypedResults.Problem(
            title: "Unknown entity",
            detail: $"No entity has the id or name '{reference}' ({parameter}).",
            statusCode: StatusCodes.Status404NotFound);
}
