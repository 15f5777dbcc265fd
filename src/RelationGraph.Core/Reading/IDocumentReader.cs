using RelationGraph.Core.Model;

namespace RelationGraph.Core.Reading;

/// <summary>
/// Turns the bytes of one file (text, Markdown, HTML, PDF) into the text the extractor sees and the
/// store keeps. Bad input is a result, never an exception: the job goes on.
/// </summary>
public interface IDocumentReader
{
    /// <summary>Reads one document; <paramref name="mediaType"/> overrides detection from the source's extension.</summary>
    DocumentReadResult Read(string sourceUri, ReadOnlyMemory<byte> content, string? mediaType = null);
}

/// <summary>Either a document or a clear reason why there is none.</summary>
public sealed record DocumentReadResult
{
    /// <summary>The document, when reading worked.</summary>
    public SourceDocument? Document { get; init; }

    /// <summary>Machine-readable failure code, e.g. <c>binary</c>, <c>invalid-utf8</c>, <c>empty</c>, <c>too-large</c>, <c>no-text</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A sentence a person can act on, e.g. "not UTF-8 text: invalid byte 0xFF at offset 12".</summary>
    public string? Error { get; init; }

    /// <summary>True when <see cref="Document"/> is set.</summary>
    public bool Succeeded => Document is not null;

    /// <summary>A successful read.</summary>
    public static DocumentReadResult Ok(SourceDocument document) => new() { Document = document };

    /// <summary>A failed read with a code and a message.</summary>
    public static DocumentReadResult Fail(string errorCode, string error) => new() { ErrorCode = errorCode, Error = error };
}
