using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace RelationGraph.Api.Hosting;

/// <summary>
/// Makes <c>/openapi/v1.json</c> say what the API does: query names as clients send them (camelCase; binding ignores
/// case, the generator copies the C# property names), every status each operation can answer (handlers return
/// <c>ProblemHttpResult</c>, whose statuses the generator cannot see, and middleware answers 401, 414, 429, 431, 504),
/// the <c>X-Api-Key</c> scheme on the operations that need it, and raw bodies described as text or bytes.
/// </summary>
internal sealed class OpenApiDocumentFixes(IOptions<ApiOptions> api) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string SchemeName = "ApiKey";
    private const string AmbiguousName = "A name is ambiguous; the candidates are listed, most documented first.";

    // Statuses a handler answers with Problem Details, by operation id (the endpoints' WithName).
    private static readonly Dictionary<string, (int Status, string Description)[]> HandlerProblems = new(StringComparer.Ordinal)
    {
        ["FindPaths"] = [(404, "An entity name or id is unknown."), (409, AmbiguousName)],
        ["GetEntity"] = [(404, "Unknown entity."), (409, AmbiguousName)],
        ["GetNeighbours"] = [(404, "Unknown entity."), (409, AmbiguousName)],
        ["GetFactEvidence"] = [(404, "Unknown fact.")],
        ["GetDocument"] = [(404, "Unknown document.")],
        ["IngestDocument"] =
        [
            (413, "Over Ingestion:MaxDocumentBytes."), (415, "A media type that cannot be ingested."),
            (422, "Content that is not a readable document (errorCode says why)."), (503, "The store is locked or unavailable; retry after Retry-After."),
        ],
        ["RemoveDocument"] = [(404, "Unknown document."), (503, "The store is locked or unavailable; retry after Retry-After.")],
        ["GetJudgement"] = [(404, "Unknown judgement.")],
        ["MakeJudgement"] =
        [
            (404, "An entity is unknown, or a split names a document that does not mention it."),
            (409, "A name is ambiguous (the candidates are listed), or the judgement contradicts or repeats one in force."),
            (503, "The store is locked or unavailable; retry after Retry-After."),
        ],
        ["RevokeJudgement"] = [(404, "Unknown judgement."), (409, "Revoked already."), (503, "The store is locked or unavailable; retry after Retry-After.")],
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyMiddleware.HeaderName,
            Description = "Api:Key. Needed by POST and DELETE when a key is configured, and by every /api request when Api:ProtectReads is true.",
        };

        foreach (var (_, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var write = method != HttpMethod.Get && method != HttpMethod.Head;
                if (write || api.Value.ProtectReads)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var route = context.Description.RelativePath ?? "";
        if (!route.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Name: { Length: > 0 } queryName } concrete && char.IsUpper(queryName[0]))
            {
                concrete.Name = char.ToLowerInvariant(queryName[0]) + queryName[1..];
            }
        }

        operation.Responses ??= [];
        var write = !HttpMethods.IsGet(context.Description.HttpMethod ?? "GET");
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName is { } name
            && HandlerProblems.TryGetValue(name, out var problems))
        {
            foreach (var (status, description) in problems)
            {
                AddProblem(operation, status, description);
            }
        }

        if (write || api.Value.ProtectReads)
        {
            AddProblem(operation, 401, "The X-Api-Key header is missing or wrong (checked before anything else).");
        }

        if (operation.RequestBody is not null || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
        {
            AddProblem(operation, 400, "Invalid parameters.");
        }

        AddProblem(operation, 414, "The request target is over 8 KiB.");
        AddProblem(operation, 429, "Over this client's rate or the write concurrency limit; retry after Retry-After.");
        AddProblem(operation, 431, "The headers are over 32 KiB.");
        AddProblem(operation, 504, "The request ran past Api:Limits:ReadTimeoutSeconds or WriteTimeoutSeconds.");
        DescribeRawBodies(operation);
        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses!.ContainsKey(key))
        {
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = status == StatusCodes.Status409Conflict && description.Contains("ambiguous", StringComparison.OrdinalIgnoreCase)
                        ? new() { Schema = AmbiguousNameSchema() }
                        : new(),
                },
            };
        }
    }

    // The 409 of an ambiguous name (EntityProblems): Problem Details with the parameter and the ranked candidates.
    private static OpenApiSchema AmbiguousNameSchema()
    {
        static OpenApiSchema Of(JsonSchemaType type, string description) => new() { Type = type, Description = description };
        var candidate = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = Of(JsonSchemaType.String, "Entity id, to pass instead of the name."),
                ["kind"] = Of(JsonSchemaType.String, "Person, Organisation, Contract or Investigation."),
                ["name"] = Of(JsonSchemaType.String, "Canonical name."),
                ["aliases"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Of(JsonSchemaType.String, "Another name documents gave it."), Description = "Other names documents gave it." },
                ["docCount"] = Of(JsonSchemaType.Integer, "Documents that mention it."),
                ["mentionCount"] = Of(JsonSchemaType.Integer, "Mentions in all documents."),
                ["quote"] = Of(JsonSchemaType.String | JsonSchemaType.Null, "The best evidence quote of its strongest fact, else the sentence of one of its mentions."),
            },
        };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["title"] = Of(JsonSchemaType.String, "Ambiguous entity name."),
                ["status"] = Of(JsonSchemaType.Integer, "409."),
                ["detail"] = Of(JsonSchemaType.String, "Which name, and how many entities it names."),
                ["parameter"] = Of(JsonSchemaType.String, "The parameter whose name is ambiguous: from, to or id."),
                ["candidates"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = candidate,
                    Description = $"The entities the name means, most documents first, then most mentions (at most {Entities.EntityProblems.MaxCandidates}).",
                },
            },
        };
    }

    // Accepts<T> gives every media type T's schema; only JSON is that object, the others are the document itself.
    private static void DescribeRawBodies(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content is not { } content)
        {
            return;
        }

        foreach (var mediaType in content.Keys.ToList())
        {
            if (mediaType.StartsWith("text/", StringComparison.Ordinal))
            {
                content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The document as UTF-8 text." } };
            }
            else if (mediaType == "application/pdf")
            {
                content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The PDF file." } };
            }
        }
    }
}
