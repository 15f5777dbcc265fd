namespace RelationGraph.Core.Ingestion;

/// <summary>One unit of work for the pipeline: a file, a JSONL record or an uploaded body.</summary>
/// <param name="SourceUri">Where the document comes from (a path relative to the ingest root, or a record key); the document id derives from it.</param>
public abstract record IngestionSource(string SourceUri);

/// <summary>A file on disk (.txt, .md, .html, .pdf), read and converted by the <see cref="Reading.IDocumentReader"/>.</summary>
/// <param name="SourceUri">Path relative to the ingest root, with forward slashes.</param>
/// <param name="FilePath">Full path of the file.</param>
public sealed record FileSource(string SourceUri, string FilePath) : IngestionSource(SourceUri);

/// <summary>One line of a <c>.jsonl</c> feed: <c>{id?, title?, url?, publishedAt?, text}</c>.</summary>
/// <param name="SourceUri">Fallback source: the feed's relative path and line number, e.g. <c>feeds/a.jsonl#L12</c>.</param>
/// <param name="FeedUri">The feed's relative path, the prefix of record ids.</param>
/// <param name="LineNumber">1-based line number, for messages.</param>
/// <param name="Line">The raw JSON text of the line.</param>
public sealed record JsonLineSource(string SourceUri, string FeedUri, int LineNumber, string Line) : IngestionSource(SourceUri);

/// <summary>Bytes received from a caller (HTTP POST), with what the caller told about them.</summary>
/// <param name="SourceUri">Source key, e.g. the URL given by the caller.</param>
/// <param name="Content">The body.</param>
/// <param name="MediaType">Media type of the body, e.g. <c>text/html</c>.</param>
/// <param name="Title">Title given by the caller, if any; it wins over one found in the content.</param>
/// <param name="PublishedAt">Publication time given by the caller, if any.</param>
public sealed record ContentSource(string SourceUri, ReadOnlyMemory<byte> Content, string? MediaType, string? Title = null, DateTimeOffset? PublishedAt = null)
    : IngestionSource(SourceUri);
