using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RelationGraph.Api.Hosting;
using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Api.Documents;

/// <summary>Paging of <c>GET /api/documents</c>.</summary>
public sealed class DocumentPageQuery
{
    /// <summary>Items to skip.</summary>
    [Range(0, int.MaxValue)]
    public int? Offset { get; set; }

    /// <summary>Page size, 1–200 (default 50).</summary>
    [Range(1, 200)]
    public int? Limit { get; set; }
}

/// <summary>Metadata for a raw (non-JSON) upload, given in the query string.</summary>
public sealed class DocumentUploadQuery
{
    /// <summary>The caller's id for the document; the same id later replaces this document.</summary>
    [StringLength(DocumentRules.MaxIdLength)]
    public string? Id { get; set; }

    /// <summary>Title (wins over one found in the content).</summary>
    [StringLength(DocumentRules.MaxTitleLength)]
    public string? Title { get; set; }

    /// <summary>Where the document was published.</summary>
    [StringLength(DocumentRules.MaxUrlLength)]
    public string? Url { get; set; }

    /// <summary>Publication date, ISO 8601.</summary>
    public string? PublishedAt { get; set; }
}

/// <summary>What an upload did.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Status">ingested, updated or unchanged.</param>
/// <param name="Entities">Entities added, updated, removed.</param>
/// <param name="Facts">Facts added, updated, removed.</param>
/// <param name="Evidence">Evidence added, updated, removed.</param>
public sealed record DocumentIngestResponse(string DocumentId, DocumentStatus Status, ChangeCounts Entities, ChangeCounts Facts, ChangeCounts Evidence);

/// <summary>What removing a document did.</summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Status">Always <c>removed</c>.</param>
/// <param name="Entities">Entities updated (their counts recomputed) and removed (nothing else mentions them).</param>
/// <param name="Facts">Facts updated (their totals recomputed) and removed (no evidence left).</param>
/// <param name="Evidence">Evidence removed with the document.</param>
public sealed record DocumentRemoveResponse(string DocumentId, string Status, ChangeCounts Entities, ChangeCounts Facts, ChangeCounts Evidence)
{
    /// <summary>The response for a store's result.</summary>
    public static DocumentRemoveResponse From(ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new DocumentRemoveResponse(result.DocumentId, "removed", result.Entities, result.Facts, result.Evidence);
    }
}

internal static class DocumentApi
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Dictionary<string, string> RawMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/plain"] = "text/plain",
        ["text/markdown"] = "text/markdown",
        ["text/x-markdown"] = "text/markdown",
        ["text/html"] = "text/html",
        ["application/xhtml+xml"] = "text/html",
        ["application/pdf"] = "application/pdf",
    };

    public static RouteGroupBuilder MapDocumentApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/documents").WithTags("Documents");
        group.MapGet("/", ListAsync)
            .WithName("ListDocuments")
            .WithSummary("Documents, newest ingestion first.");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetDocument")
            .WithSummary("One document with the text its evidence offsets point into.")
            .WithDescription("The id is the document's (doc_…) or the caller's own id given when it was POSTed. 200, 404 unknown document.");
        group.MapGet("/{id}/mentions", GetMentionsAsync)
            .WithName("GetDocumentMentions")
            .WithSummary("A document's mentions in text order: the entity each names and its span (code points, end exclusive), as evidence spans are.");
        group.MapPost("/", PostAsync)
            .WithName("IngestDocument")
            .WithSummary("Ingest one document through the same pipeline as `relgraph ingest`.")
            .WithDescription("Body: text/plain, text/markdown, text/html, application/pdf (metadata in the query string), or " +
                "application/json {id?, title?, url?, publishedAt?, text}. Requires X-Api-Key when Api:Key is configured. " +
                "201 new, 200 updated, unchanged or truncated, 400 bad metadata, 401 missing key, 413 over Ingestion:MaxDocumentBytes, 415 other media types, " +
                "422 unreadable content (invalid-utf8, invalid-text, binary, empty, ...), 503 store locked or unavailable (with Retry-After).")
            .Accepts<DocumentUploadBody>("application/json", "text/plain", "text/markdown", "text/html", "application/pdf")
            .AsLimitedWrite();
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("RemoveDocument")
            .WithSummary("Remove a document with its mentions and evidence, as if it had never been ingested.")
            .WithDescription("Facts and entities it supported are recounted from the documents that remain; those nothing supports any more " +
                "are removed. The id is the document's (doc_…) or the caller's own id given when it was POSTed. Requires X-Api-Key when Api:Key is configured. 200 with what changed, 401 missing key, 404 unknown document, " +
                "503 store locked or unavailable (with Retry-After).")
            .AsLimitedWrite();
        return group;
    }

    public static async Task<Ok<IReadOnlyList<DocumentSummary>>> ListAsync([AsParameters] DocumentPageQuery query, IGraphStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListDocumentsAsync(query.Offset ?? 0, query.Limit ?? 50, cancellationToken));

    public static async Task<Results<Ok<DocumentDetail>, ProblemHttpResult>> GetAsync(string id, IGraphStore store, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(id, cancellationToken) ?? await store.GetDocumentAsync(CallerDocumentId(id), cancellationToken);
        return document is null ? UnknownDocument(id) : TypedResults.Ok(document);
    }

    public static async Task<Results<Ok<IReadOnlyList<MentionRecord>>, ProblemHttpResult>> GetMentionsAsync(string id, IGraphStore store, CancellationToken cancellationToken)
    {
        var mentions = await store.GetDocumentMentionsAsync(id, cancellationToken);
        return mentions is null ? UnknownDocument(id) : TypedResults.Ok(mentions);
    }

    public static async Task<Results<Created<DocumentIngestResponse>, Ok<DocumentIngestResponse>, ValidationProblem, ProblemHttpResult>> PostAsync(
        HttpRequest request,
        [AsParameters] DocumentUploadQuery query,
        IngestionPipeline pipeline,
        IOptions<IngestionOptions> options,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxDocumentBytes;
        var mediaType = MediaTypeOf(request.ContentType);
        var isJson = mediaType is "application/json" || mediaType?.EndsWith("+json", StringComparison.Ordinal) == true;
        if (!isJson && (mediaType is null || !RawMediaTypes.ContainsKey(mediaType)))
        {
            return TypedResults.Problem(
                title: "Unsupported media type",
                detail: $"'{request.ContentType}' cannot be ingested. Send text/plain, text/markdown, text/html, application/pdf or application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        DateTimeOffset? publishedAt = null;
        if (!string.IsNullOrWhiteSpace(query.PublishedAt))
        {
            if (!DateTimeOffset.TryParse(query.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["publishedAt"] = [$"'{query.PublishedAt}' is not a date."] });
            }

            publishedAt = at;
        }

        // the query-string metadata meets the rules a JSON record's fields meet (DocumentRules)
        foreach (var (name, value) in new[] { ("id", query.Id), ("title", query.Title), ("url", query.Url) })
        {
            if (DocumentRules.TextError("value", value) is { } invalid)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [invalid] });
            }
        }

        var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(
                title: "Document too large",
                detail: $"The body is over the {limit:N0}-byte limit (Ingestion:MaxDocumentBytes).",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // identity as for JSON records: the caller's id, else the url, else the content (posting the same text twice is a no-op)
        var fallbackKey = "api/sha256-" + Convert.ToHexStringLower(SHA256.HashData(body.Value.Span))[..16];
        string? json = null;
        if (isJson)
        {
            // strict, as for a text body or a feed line: invalid UTF-8 is refused, not stored as U+FFFD
            try
            {
                json = StrictUtf8.GetString(body.Value.Span);
            }
            catch (DecoderFallbackException ex)
            {
                return NotIngested(StatusCodes.Status422UnprocessableEntity, "invalid-utf8", "the JSON body is not UTF-8 text: " + ex.Message);
            }
        }

        IngestionSource source = isJson
            ? new JsonRecordSource(fallbackKey, "api", null, json!)
            : new ContentSource(query.Url ?? IdKey(query.Id) ?? fallbackKey, body.Value, RawMediaTypes[mediaType!], query.Title, publishedAt,
                IdentityKey: IdKey(query.Id));

        DocumentOutcome outcome;
        try
        {
            outcome = await pipeline.IngestOneAsync(source, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(request.HttpContext.Response, ex.Message);
        }

        if (outcome.Status == DocumentStatus.Failed)
        {
            var status = outcome.ErrorCode == DocumentErrorCodes.TooLarge ? StatusCodes.Status413PayloadTooLarge
                : outcome.ErrorCode == DocumentErrorCodes.MalformedJson ? StatusCodes.Status400BadRequest
                : StatusCodes.Status422UnprocessableEntity;
            return NotIngested(status, outcome.ErrorCode, outcome.Error);
        }

        var response = new DocumentIngestResponse(outcome.DocumentId!, outcome.Status, outcome.Entities, outcome.Facts, outcome.Evidence);
        return outcome.Status == DocumentStatus.Ingested
            ? TypedResults.Created($"/api/documents/{Uri.EscapeDataString(outcome.DocumentId!)}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<DocumentRemoveResponse>, ProblemHttpResult>> DeleteAsync(string id, IGraphStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return UnknownDocument(id);
        }

        ApplyResult? removed;
        try
        {
            removed = await store.RemoveDocumentAsync(id, cancellationToken) ?? await store.RemoveDocumentAsync(CallerDocumentId(id), cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            return StoreUnavailable(response, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (await store.IsReachableAsync(CancellationToken.None))
            {
                throw;
            }

            return StoreUnavailable(response, "The graph store is unavailable: " + ex.Message);
        }

        return removed is null ? UnknownDocument(id) : TypedResults.Ok(DocumentRemoveResponse.From(removed));
    }

    // 503 with Retry-After, so clients (and their HTTP libraries) retry: a locked or unreachable store is a passing state
    private static ProblemHttpResult StoreUnavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = RetryAfterSeconds;
        return TypedResults.Problem(title: "Store unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private const string RetryAfterSeconds = "5";

    private static ProblemHttpResult NotIngested(int status, string? errorCode, string? error) =>
        TypedResults.Problem(
            title: "Document not ingested",
            detail: error,
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errorCode"] = errorCode });

    private static ProblemHttpResult UnknownDocument(string id) =>
        TypedResults.Problem(title: "Unknown document", detail: $"No document has the id '{id}'.", statusCode: StatusCodes.Status404NotFound);

    private static string? IdKey(string? id) => string.IsNullOrWhiteSpace(id) ? null : "api#" + id.Trim();

    // The document id a POST with the caller's own id gave its document, so GET and DELETE take either.
    private static string CallerDocumentId(string id) => StableId.Document(IdKey(id)!);

    private static string? MediaTypeOf(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
}

/// <summary>The JSON form of an upload (for the OpenAPI document).</summary>
/// <param name="Id">The caller's id; the same id later replaces this document.</param>
/// <param name="Title">Title.</param>
/// <param name="Url">Where the text was published.</param>
/// <param name="PublishedAt">Publication time.</param>
/// <param name="Text">The text.</param>
public sealed record DocumentUploadBody(string? Id, string? Title, string? Url, DateTimeOffset? PublishedAt, string Text);
