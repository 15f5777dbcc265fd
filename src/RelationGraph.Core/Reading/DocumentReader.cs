using RelationGraph.Core.Extraction;
using RelationGraph.Core.Model;
using RelationGraph.Core.Ingestion;

namespace RelationGraph.Core.Reading;

/// <summary>
/// Reads .txt and .md as they are (strict UTF-8, BOM removed), .html/.htm as their main text, and .pdf as its
/// text. Every failure is a result with a code (<c>empty</c>, <c>binary</c>, <c>invalid-utf8</c>,
/// <c>too-large</c>, <c>no-text</c>, <c>invalid-html</c>, <c>invalid-pdf</c>, <c>unsupported</c>), never an exception.
/// Thread-safe.
/// </summary>
public sealed class DocumentReader(DocumentReaderOptions options) : IDocumentReader
{
    /// <summary>Creates a reader with the default limits.</summary>
    public DocumentReader()
        : this(new DocumentReaderOptions())
    {
    }

    /// <inheritdoc />
    public DocumentReadResult Read(string sourceUri, ReadOnlyMemory<byte> content, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(sourceUri);
        if (content.Length > options.MaxBytes)
        {
            return DocumentReadResult.Fail(DocumentErrorCodes.TooLarge, $"file is {content.Length:N0} bytes; the limit is {options.MaxBytes:N0} bytes");
        }

        if (content.IsEmpty)
        {
            return DocumentReadResult.Fail(DocumentErrorCodes.Empty, "file is empty");
        }

        var kind = Detect(sourceUri, mediaType, content.Span);
        try
        {
            return kind switch
            {
                "text/html" => ReadHtml(sourceUri, content.Span),
                "application/pdf" => ReadPdf(sourceUri, content),
                "text/plain" or "text/markdown" => ReadPlain(sourceUri, content.Span, kind),
                _ => DocumentReadResult.Fail("unsupported", $"unsupported media type {kind}"),
            };
        }
        catch (Exception exception) when (kind == "application/pdf")
        {
            return DocumentReadResult.Fail(DocumentErrorCodes.InvalidPdf, "not a readable PDF: " + exception.Message);
        }
    }

    private static string Detect(string sourceUri, string? mediaType, ReadOnlySpan<byte> content)
    {
        if (!string.IsNullOrWhiteSpace(mediaType))
        {
            var type = mediaType.Split(';')[0].Trim().ToLowerInvariant();
            return type switch
            {
                "text/x-markdown" => "text/markdown",
                "application/xhtml+xml" => "text/html",
                _ => type,
            };
        }

        var path = sourceUri.Split('?', '#')[0];
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".html" or ".htm" or ".xhtml" => "text/html",
            ".pdf" => "application/pdf",
            ".md" or ".markdown" => "text/markdown",
            ".txt" or ".text" or "" => content.StartsWith("%PDF-"u8) ? "application/pdf" : "text/plain",
            _ => content.StartsWith("%PDF-"u8) ? "application/pdf" : "text/plain",
        };
    }

    private static DocumentReadResult ReadPlain(string sourceUri, ReadOnlySpan<byte> bytes, string mediaType)
    {
        if (!PlainTextDecoder.TryDecode(bytes, out var text, out var code, out var error))
        {
            return DocumentReadResult.Fail(code, error);
        }

        if (PlainTextDecoder.IsBlank(text))
        {
            return DocumentReadResult.Fail(DocumentErrorCodes.Empty, "file holds only whitespace");
        }

        // The text is kept exactly as read: offsets are checked against the raw file.
        return DocumentReadResult.Ok(SourceDocument.Create(sourceUri, text, PlainTitle(text, mediaType), mediaType));
    }

    private static DocumentReadResult ReadHtml(string sourceUri, ReadOnlySpan<byte> bytes)
    {
        if (!PlainTextDecoder.TryDecode(bytes, out var html, out var code, out var error))
        {
            return DocumentReadResult.Fail(code, error);
        }

        HtmlTextExtractor.Result result;
        try
        {
            result = HtmlTextExtractor.Extract(html);
        }
        catch (HtmlTooComplexException exception)
        {
            return DocumentReadResult.Fail(DocumentErrorCodes.TooComplex, exception.Message);
        }

        if (PlainTextDecoder.IsBlank(result.Text))
        {
            return DocumentReadResult.Fail(DocumentErrorCodes.NoText, "the page has no main text");
        }

        var document = SourceDocument.Create(sourceUri, PlainTextDecoder.Normalise(result.Text), result.Title, "text/html") with
        {
            Author = result.Author,
            Publisher = result.Publisher,
            PublishedAt = result.PublishedAt,
        };
        return DocumentReadResult.Ok(document);
    }

    private static DocumentReadResult ReadPdf(string sourceUri, ReadOnlyMemory<byte> content)
    {
        var result = PdfTextExtractor.Extract(content.ToArray());
        if (PlainTextDecoder.IsBlank(result.Text))
        {
            return DocumentReadResult.Fail(DocumentErrorCodes.NoText, "the PDF has no extractable text (scanned images need OCR)");
        }

        var document = SourceDocument.Create(sourceUri, result.Text, result.Title ?? PlainTitle(result.Text, "text/plain"), "application/pdf") with
        {
            Author = result.Author,
        };
        return DocumentReadResult.Ok(document);
    }

    // The first heading-like line that is not page furniture: "# Title" in Markdown, or a short line without a full stop.
    private static string? PlainTitle(string text, string mediaType)
    {
        var lexicon = Lexicon.Instance;
        var lines = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (++lines > 20)
            {
                break;
            }

            if (mediaType == "text/markdown" && line.StartsWith('#'))
            {
                return line.TrimStart('#').Trim();
            }

            var bare = line.TrimStart('•', '*', '-', ' ');
            if (bare.Length < 3 || line.Length > 200 || lexicon.IsBoilerplateLine(bare) || line[0] is '•' or '*' or '-')
            {
                continue;
            }

            if (line[^1] is not ('.' or ',' or ';'))
            {
                return line;
            }
        }

        return null;
    }
}
