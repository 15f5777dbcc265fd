using System.Text.Json;
using System.Text.Json.Serialization;
using RelationGraph.Core.Storage;

namespace RelationGraph.Core.Ingestion;

/// <summary>What happened to one document.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DocumentStatus>))]
public enum DocumentStatus
{
    /// <summary>New document, written to the store.</summary>
    [JsonStringEnumMemberName("ingested")] Ingested,

    /// <summary>Known document whose content or extractor changed: its own provenance was replaced.</summary>
    [JsonStringEnumMemberName("updated")] Updated,

    /// <summary>Same content and extractor version as stored: skipped before extraction.</summary>
    [JsonStringEnumMemberName("unchanged")] Unchanged,

    /// <summary>Not ingested; <see cref="DocumentOutcome.Error"/> says why.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Written to the store, but extraction stopped before the end of its text (time budget or size cut): part of it was not extracted.</summary>
    [JsonStringEnumMemberName("truncated")] Truncated,
}

/// <summary>The outcome of one document, with what it changed in the graph.</summary>
/// <param name="Source">The file path or record key it came from.</param>
/// <param name="DocumentId">Its document id, when reading got that far.</param>
/// <param name="Status">Ingested, updated, unchanged or failed.</param>
/// <param name="ErrorCode">Machine-readable failure code (e.g. <c>too-large</c>, <c>invalid-utf8</c>, <c>malformed-json</c>).</param>
/// <param name="Error">A readable failure reason.</param>
/// <param name="Entities">Entities added, updated, removed.</param>
/// <param name="Facts">Facts added, updated, removed.</param>
/// <param name="Evidence">Evidence records added, updated, removed.</param>
public sealed record DocumentOutcome(
    string Source,
    string? DocumentId,
    DocumentStatus Status,
    string? ErrorCode,
    string? Error,
    ChangeCounts Entities,
    ChangeCounts Facts,
    ChangeCounts Evidence)
{
    /// <summary>A failed document.</summary>
    public static DocumentOutcome Failed(string source, string? documentId, string errorCode, string error) =>
        new(source, documentId, DocumentStatus.Failed, errorCode, error, default, default, default);

    /// <summary>A document skipped because the store already holds this content from this extractor version.</summary>
    public static DocumentOutcome Unchanged(string source, string documentId) =>
        new(source, documentId, DocumentStatus.Unchanged, null, null, default, default, default);
}

/// <summary>Counts of document outcomes.</summary>
/// <param name="Total">Documents seen.</param>
/// <param name="Ingested">New documents written.</param>
/// <param name="Updated">Changed documents rewritten.</param>
/// <param name="Unchanged">Documents skipped as unchanged.</param>
/// <param name="Failed">Documents that failed.</param>
public sealed record DocumentTotals(int Total, int Ingested, int Updated, int Unchanged, int Failed);

/// <summary>Totals of a job: documents by outcome and graph changes by kind.</summary>
/// <param name="Documents">Document outcomes.</param>
/// <param name="Entities">Entities added, updated, removed.</param>
/// <param name="Facts">Facts added, updated, removed.</param>
/// <param name="Evidence">Evidence added, updated, removed.</param>
public sealed record IngestionTotals(DocumentTotals Documents, ChangeCounts Entities, ChangeCounts Facts, ChangeCounts Evidence);

/// <summary>The report of one ingestion job, written by <c>relgraph ingest --report FILE</c>.</summary>
/// <param name="StartedAt">When the job started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Cancelled">True when the job was stopped before it had seen every document.</param>
/// <param name="ExtractorVersion">Extractor name and version used.</param>
/// <param name="Totals">Totals.</param>
/// <param name="Documents">Per-document outcomes, in the order they were settled.</param>
/// <param name="Ignored">Files in the given folders skipped for an unsupported extension.</param>
public sealed record IngestionReport(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Cancelled,
    string ExtractorVersion,
    IngestionTotals Totals,
    IReadOnlyList<DocumentOutcome> Documents,
    IReadOnlyList<string> Ignored)
{
    /// <summary>JSON options of the report: camelCase, indented, enums as strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>True when any document failed.</summary>
    [JsonIgnore]
    public bool HasFailures => Totals.Documents.Failed > 0;

    /// <summary>Writes the report as JSON.</summary>
    public Task WriteJsonAsync(Stream stream, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(stream, this, JsonOptions, cancellationToken);
}

/// <summary>Adds up outcomes as they are settled; not thread-safe (the single writer owns it).</summary>
internal sealed class IngestionTally
{
    private int _ingested, _updated, _unchanged, _failed;
    private ChangeCounts _entities, _facts, _evidence;

    public List<DocumentOutcome> Documents { get; } = [];

    public int Done => _ingested + _updated + _unchanged + _failed;

    public int Failed => _failed;

    public void Add(DocumentOutcome outcome)
    {
        Documents.Add(outcome);
        switch (outcome.Status)
        {
            case DocumentStatus.Ingested or DocumentStatus.Truncated: _ingested++; break;
            case DocumentStatus.Updated: _updated++; break;
            case DocumentStatus.Unchanged: _unchanged++; break;
            default: _failed++; break;
        }

        _entities += outcome.Entities;
        _facts += outcome.Facts;
        _evidence += outcome.Evidence;
    }

    public IngestionTotals Totals() =>
        new(new DocumentTotals(Done, _ingested, _updated, _unchanged, _failed), _entities, _facts, _evidence);
}
