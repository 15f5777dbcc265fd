using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RelationGraph.Api.Entities;
using RelationGraph.Api.Hosting;
using RelationGraph.Core.Identity.Judgements;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Judgements;

/// <summary>The body of <c>POST /api/judgements</c>: a merge, split or distinct judgement.</summary>
public sealed class JudgementBody
{
    /// <summary><c>merge</c>, <c>split</c> or <c>distinct</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string? Kind { get; set; }

    /// <summary>Merge: the entity merged away. Split: the entity split. Distinct: one of the two. An id (<c>per_…</c>) or a name.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(1000)]
    public string? Entity { get; set; }

    /// <summary>Merge: the entity it is merged into. Distinct: the other one. An id or a name.</summary>
    [StringLength(1000)]
    public string? Other { get; set; }

    /// <summary>Split: ids (<c>doc_…</c>) of the documents whose mentions of the entity are someone else.</summary>
    [MaxLength(10_000)]
    public List<string>? Documents { get; set; }

    /// <summary>Split: the name of the entity those mentions become.</summary>
    [StringLength(1000)]
    public string? Name { get; set; }

    /// <summary>Split: its kind (Person, Organisation, Contract, Investigation), when not the split entity's.</summary>
    public string? EntityKind { get; set; }

    /// <summary>Why, kept with the judgement.</summary>
    [StringLength(4000)]
    public string? Reason { get; set; }

    /// <summary>Who is making it, recorded with the API key's owner (<c>Api:KeyOwner</c>).</summary>
    [StringLength(200)]
    public string? By { get; set; }
}

/// <summary>What applying a judgement again did to one document.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Status"><c>updated</c>, <c>truncated</c> or <c>failed</c>.</param>
/// <param name="Error">Why it failed, if it did.</param>
public sealed record JudgementDocument(string? DocumentId, DocumentStatus Status, string? Error);

/// <summary>A judgement made or revoked, and the documents written again so the graph reflects it.</summary>
/// <param name="Judgement">The judgement as stored.</param>
/// <param name="Documents">The documents it concerns, each extracted and written again.</param>
public sealed record JudgementResponse(IdentityJudgement Judgement, IReadOnlyList<JudgementDocument> Documents)
{
    /// <summary>The response for a successful outcome.</summary>
    public static JudgementResponse From(JudgementOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new JudgementResponse(outcome.Judgement!, [.. outcome.Documents.Select(d => new JudgementDocument(d.DocumentId, d.Status, d.Error))]);
    }
}

internal static class JudgementApi
{
    private const string RetryAfterSeconds = "5";

    public static RouteGroupBuilder MapJudgementApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/judgements").WithTags("Judgements");
        group.MapGet("/", ListAsync)
            .WithName("ListJudgements")
            .WithSummary("Every identity judgement (merge, split, distinct), revoked ones included, oldest first, with author, time and reason.");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetJudgement")
            .WithSummary("One identity judgement.");
        group.MapPost("/", PostAsync)
            .WithName("MakeJudgement")
            .WithSummary("Merge two entities, split one, or mark two as different; every later ingest applies it.")
            .WithDescription("Entities by id or name, as /api/paths takes them. The documents the judgement concerns are extracted again from their " +
                "stored text at once, and listed in the answer. The author is Api:KeyOwner (with 'by' when given). Requires X-Api-Key when Api:Key " +
                "is configured. 201 made, 400 invalid (an entity merged into itself, a split without documents or name), 401 missing key, 404 unknown " +
                "entity or a document that does not mention it, 409 ambiguous name (candidates listed) or a judgement that contradicts or repeats " +
                "one in force, 503 store locked or unavailable (with Retry-After).")
            .AsLimitedWrite();
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("RevokeJudgement")
            .WithSummary("Revoke a judgement: its record stays, marked revoked by whom and when, and the documents it concerned are applied without it.")
            .WithDescription("The revoker is Api:KeyOwner (with ?by= when given). Requires X-Api-Key when Api:Key is configured. 200 revoked, 401 missing key, " +
                "404 unknown judgement, 409 revoked already, 503 store locked or unavailable (with Retry-After).")
            .AsLimitedWrite();
        return group;
    }

    public static async Task<Ok<IReadOnlyList<IdentityJudgement>>> ListAsync(IGraphStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListJudgementsAsync(cancellationToken));

    public static async Task<Results<Ok<IdentityJudgement>, ProblemHttpResult>> GetAsync(string id, IdentityJudgements judgements, CancellationToken cancellationToken) =>
        await judgements.GetAsync(id, cancellationToken) is { } judgement ? TypedResults.Ok(judgement) : UnknownJudgement(id);

    public static async Task<Results<Created<JudgementResponse>, ValidationProblem, ProblemHttpResult>> PostAsync(
        JudgementBody body, IdentityJudgements judgements, IGraphStore store, IOptions<ApiOptions> api, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!IdentityJudgement.TryParseKind(body.Kind, out var kind))
        {
            return Invalid("kind", $"'{body.Kind}' is not a judgement kind: use merge, split or distinct.");
        }

        EntityKind? newKind = null;
        if (!string.IsNullOrWhiteSpace(body.EntityKind))
        {
            if (!EntityKinds.TryParse(body.EntityKind, out var parsed))
            {
                return Invalid("entityKind", $"Unknown entity kind '{body.EntityKind}'. Known: {string.Join(", ", EntityKinds.All)}.");
            }

            newKind = parsed;
        }

        foreach (var (field, value) in new[] { ("entity", body.Entity), ("other", body.Other), ("name", body.Name), ("reason", body.Reason), ("by", body.By) })
        {
            if (DocumentRules.TextError("value", value) is { } invalid)
            {
                return Invalid(field, invalid);
            }
        }

        var request = new JudgementRequest(kind, body.Entity!, body.Other, body.Documents ?? [], body.Name, newKind, Author(api.Value, body.By), body.Reason);
        var outcome = await RunAsync(store, response, token => judgements.MakeAsync(request, token), cancellationToken);
        return outcome.Result switch
        {
            { } result => result,
            _ when outcome.Outcome!.Problem is { } problem => await ProblemAsync(problem, store, cancellationToken),
            _ => TypedResults.Created($"/api/judgements/{Uri.EscapeDataString(outcome.Outcome.Judgement!.Id)}", JudgementResponse.From(outcome.Outcome)),
        };
    }

    public static async Task<Results<Ok<JudgementResponse>, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, string? by, IdentityJudgements judgements, IGraphStore store, IOptions<ApiOptions> api, HttpResponse response, CancellationToken cancellationToken)
    {
        if (by is { Length: > 200 } || DocumentRules.TextError("value", by) is not null)
        {
            return Invalid("by", "'by' must be Unicode text of at most 200 characters.");
        }

        var outcome = await RunAsync(store, response, token => judgements.RevokeAsync(id, Author(api.Value, by), token), cancellationToken);
        return outcome.Result switch
        {
            { } result => result,
            _ when outcome.Outcome!.Problem is { } problem => await ProblemAsync(problem, store, cancellationToken),
            _ => TypedResults.Ok(JudgementResponse.From(outcome.Outcome)),
        };
    }

    // The key's owner, and the caller's own name with it when given: the key is what the server knows.
    private static string Author(ApiOptions api, string? by)
    {
        var owner = string.IsNullOrWhiteSpace(api.KeyOwner) ? ApiOptions.DefaultKeyOwner : api.KeyOwner.Trim();
        return string.IsNullOrWhiteSpace(by) ? owner : $"{by.Trim()} (via {owner})";
    }

    // The outcome, or the 503 a store that cannot be reached (or is locked) answers.
    private static async Task<(JudgementOutcome? Outcome, ProblemHttpResult? Result)> RunAsync(
        IGraphStore store, HttpResponse response, Func<CancellationToken, Task<JudgementOutcome>> act, CancellationToken cancellationToken)
    {
        try
        {
            return (await act(cancellationToken), null);
        }
        catch (StoreUnavailableException ex)
        {
            return (null, StoreUnavailable(response, ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (await store.IsReachableAsync(CancellationToken.None))
            {
                throw;
            }

            return (null, StoreUnavailable(response, "The graph store is unavailable: " + ex.Message));
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    // Invalid requests are 400s with the field at fault, as validation answers; an ambiguous name is the 409 every entity
    // lookup answers (EntityProblems); the rest are problems of their own.
    private static async Task<ProblemHttpResult> ProblemAsync(JudgementProblem problem, IGraphStore store, CancellationToken cancellationToken) => problem.Kind switch
    {
        JudgementProblemKind.Invalid => TypedResults.Problem(title: "Invalid judgement", detail: problem.Message, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [problem.Field] = [problem.Message] } }),
        JudgementProblemKind.NotFound when problem.Field == "id" => UnknownJudgement(problem.Message),
        JudgementProblemKind.NotFound => TypedResults.Problem(title: problem.Field == "documents" ? "Unknown document" : "Unknown entity", detail: problem.Message,
            statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["parameter"] = problem.Field }),
        JudgementProblemKind.Ambiguous => await EntityProblems.AmbiguousAsync(problem.Message, problem.Field, problem.Candidates, store, cancellationToken),
        _ => TypedResults.Problem(title: "Judgement conflict", detail: problem.Message, statusCode: StatusCodes.Status409Conflict),
    };

    private static ProblemHttpResult UnknownJudgement(string detail) =>
        TypedResults.Problem(title: "Unknown judgement", detail: detail.StartsWith("No judgement", StringComparison.Ordinal) ? detail : $"No judgement has the id '{detail}'.",
            statusCode: StatusCodes.Status404NotFound);

    // 503 with Retry-After, as the document endpoints answer: a locked or unreachable store is a passing state
    private static ProblemHttpResult StoreUnavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = RetryAfterSeconds;
        return TypedResults.Problem(title: "Store unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
