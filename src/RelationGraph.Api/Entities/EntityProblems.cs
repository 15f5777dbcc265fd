using Microsoft.AspNetCore.Http.HttpResults;
using RelationGraph.Core.Paths;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Entities;

/// <summary>A candidate for an ambiguous name, as the 409 problem lists it: what tells it from the others of that name.</summary>
/// <param name="Id">Entity id, to use instead of the name.</param>
/// <param name="Kind">Person, Organisation, Contract or Investigation.</param>
/// <param name="Name">Canonical name.</param>
/// <param name="Aliases">Other names documents gave it.</param>
/// <param name="DocCount">Documents that mention it (candidates are ranked by it, then by mentions).</param>
/// <param name="MentionCount">Mentions in all documents.</param>
/// <param name="Quote">The best evidence quote of its strongest fact, else the sentence of one of its mentions; null when it has neither.</param>
public sealed record EntityCandidate(string Id, string Kind, string Name, IReadOnlyList<string> Aliases, int DocCount, int MentionCount, string? Quote);

internal static class EntityProblems
{
    /// <summary>Candidates listed (with a quote each) for an ambiguous name; the detail says how many there are.</summary>
    public const int MaxCandidates = 20;

    /// <summary>404 for an unknown reference, 409 with the ranked candidates for an ambiguous one, null when resolved.</summary>
    public static async Task<ProblemHttpResult?> ForLookupAsync(
        EntityLookupResult lookup, string reference, string parameter, IGraphStore store, CancellationToken cancellationToken)
    {
        if (lookup.NotFound)
        {
            return NotFound(reference, parameter);
        }

        if (lookup.Entity is not null)
        {
            return null;
        }

        return await AmbiguousAsync($"'{reference}' ({parameter}) names {lookup.Candidates.Count} entities; pass one of the candidate ids instead.",
            parameter, lookup.Candidates, store, cancellationToken);
    }

    /// <summary>409 for a name that means several entities: the most documented of them, each with what tells it apart.</summary>
    public static async Task<ProblemHttpResult> AmbiguousAsync(
        string detail, string parameter, IReadOnlyList<EntitySummary> candidates, IGraphStore store, CancellationToken cancellationToken)
    {
        var listed = candidates.Take(MaxCandidates).ToList();
        var quotes = await store.GetEntityQuotesAsync([.. listed.Select(c => c.Id)], cancellationToken);
        var more = candidates.Count > listed.Count ? $" The {listed.Count} most documented are listed." : "";
        return TypedResults.Problem(
            title: "Ambiguous entity name",
            detail: detail + more,
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?>
            {
                ["parameter"] = parameter,
                ["candidates"] = listed
                    .Select(c => new EntityCandidate(c.Id, c.Kind.ToString(), c.Name, c.Aliases, c.DocCount, c.MentionCount, quotes.GetValueOrDefault(c.Id)))
                    .ToList(),
            });
    }

    public static ProblemHttpResult NotFound(string reference, string parameter) =>
        TypedResults.Problem(
            title: "Unknown entity",
            detail: $"No entity has the id or name '{reference}' ({parameter}).",
            statusCode: StatusCodes.Status404NotFound);
}
