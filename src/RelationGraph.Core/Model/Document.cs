namespace RelationGraph.Core.Model;

/// <summary>
/// A document as the store keeps it. <see cref="Text"/> is exactly the text the extractor saw, so every
/// offset (Unicode code points, end exclusive) can be checked against it.
/// </summary>
public sealed record SourceDocument
{
    /// <summary>Stable id from the source, see <see cref="StableId.Document"/>.</summary>
    public required string Id { get; init; }

    /// <summary>Where the document came from: a path relative to the ingest root, or a URL.</summary>
    public required string SourceUri { get; init; }

    /// <summary>The text offsets point into (for .txt/.md the file as read, BOM removed).</summary>
    public required string Text { get; init; }

    /// <summary>SHA-256 of <see cref="Text"/>; detects a changed document.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Title, from the markup or the first heading-like line, if any.</summary>
    public string? Title { get; init; }

    /// <summary>Publisher or site name, if known.</summary>
    public string? Publisher { get; init; }

    /// <summary>Byline author, if known.</summary>
    public string? Author { get; init; }

    /// <summary>Publication time, if known; facts are "reported" at this time (else at ingestion).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Media type the text was read from, e.g. <c>text/plain</c>, <c>text/html</c>.</summary>
    public string MediaType { get; init; } = "text/plain";

    /// <summary>Builds a document with its id and content hash derived from source and text.</summary>
    public static SourceDocument Create(string sourceUri, string text, string? title = null, string mediaType = "text/plain") => new()
    {
        Id = StableId.Document(sourceUri),
        SourceUri = sourceUri,
        Text = text,
        ContentHash = StableId.ContentHash(text),
        Title = title,
        MediaType = mediaType,
    };
}
