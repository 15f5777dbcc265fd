namespace RelationGraph.Core.Ingestion;

/// <summary>
/// The machine-readable codes of a failed document (<see cref="DocumentOutcome.ErrorCode"/>, the <c>errorCode</c> of an
/// API problem, the CLI's report lines). Readers, the source walk and the pipeline all name failures from this list.
/// </summary>
public static class DocumentErrorCodes
{
    /// <summary>No text, or only whitespace.</summary>
    public const string Empty = "empty";

    /// <summary>Stored, but only the start of its text was extracted (status <c>truncated</c>, not a failure).</summary>
    public const string Truncated = "truncated";

    /// <summary>Binary content (a NUL byte, or a known binary signature).</summary>
    public const string Binary = "binary";

    /// <summary>Text that is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "invalid-utf8";

    /// <summary>Over the size limit (<c>Ingestion:MaxDocumentBytes</c>, <c>--max-size</c>); never read whole.</summary>
    public const string TooLarge = "too-large";

    /// <summary>A PDF that does not parse.</summary>
    public const string InvalidPdf = "invalid-pdf";

    /// <summary>An HTML page nested too deep to parse in its time budget.</summary>
    public const string TooComplex = "too-complex";

    /// <summary>A page or PDF with no main text.</summary>
    public const string NoText = "no-text";

    /// <summary>The file or feed could not be read (missing, no permission, a link to nothing).</summary>
    public const string Unreadable = "unreadable";

    /// <summary>A named pipe, socket or device: never opened.</summary>
    public const string NotARegularFile = "not-a-regular-file";

    /// <summary>A JSON document or feed line that does not parse, or lacks <c>text</c>.</summary>
    public const string MalformedJson = "malformed-json";

    /// <summary>The extractor threw.</summary>
    public const string ExtractionFailed = "extraction-failed";

    /// <summary>The store did not write the document (invalid batch, or refused); its error says why.</summary>
    public const string StoreRejected = "store-rejected";

    /// <summary>An earlier document of the same job has the same id; only the first is ingested.</summary>
    public const string DuplicateId = "duplicate-id";
}
