namespace RelationGraph.Core.Ingestion;

/// <summary>One unit of work for the pipeline: a file, a JSONL record or an uploaded body.</summary>
/// <param name="SourceUri">Where the document comes from (a path relative to the ingest root, or a record key); the document id derives from it.</param>
public abstract record IngestionSource(string SourceUri);

/// <summary>A file on disk (.txt, .md, .html, .pdf), read and converted by the <see cref="Reading.IDocumentReader"/>.</summary>
/// <param name="SourceUri">Path relative to the ingest root, with forward slashes.</param>
/// <param name="FilePath">Full path of the file.</param>
public sealed record FileSource(string SourceUri, string FilePath) : IngestionSource(SourceUri);

/// <summary>A JSON document record <c>{id?, title?, url?, publishedAt?, text}</c>: one line of a <c>.jsonl</c> feed or a JSON upload.</summary>
/// <param name="SourceUri">Fallback identity when the record has neither id nor url, e.g. <c>feeds/a.jsonl#L12</c>.</param>
/// <param name="Scope">Prefix of record ids (the feed's relative path), so ids from two feeds do not collide.</param>
/// <param name="Location">Where the record is, for messages (e.g. <c>line 12</c>), if anywhere.</param>
/// <param name="Json">The raw JSON text.</param>
public sealed record JsonRecordSource(string SourceUri, string Scope, string? Location, string Json) : IngestionSource(SourceUri);

/// <summary>Bytes received from a caller (HTTP POST), with what the caller told about them.</summary>
/// <param name="SourceUri">Source key, e.g. the URL given by the caller.</param>
/// <param name="Content">The body.</param>
/// <param name="MediaType">Media type of the body, e.g. <c>text/html</c>.</param>
/// <param name="Title">Title given by the caller, if any; it wins over one found in the content.</param>
/// <param name="PublishedAt">Publication time given by the caller, if any.</param>
/// <param name="IdentityKey">What the document id derives from when it is not <paramref name="SourceUri"/> (e.g. the caller's own id).</param>
public sealed record ContentSource(
    string SourceUri,
    ReadOnlyMemory<byte> Content,
    string? MediaType,
    string? Title = null,
    DateTimeOffset? PublishedAt = null,
    string? IdentityKey = null)
    : IngestionSource(SourceUri);
