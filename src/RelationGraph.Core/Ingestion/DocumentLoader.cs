using System.Text;
using RelationGraph.Core.Model;
using RelationGraph.Core.Reading;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// Turns a source (a file, an uploaded body, a feed record, or one the walk already failed) into a document, or into
/// the failed outcome that says why it cannot be one: too large, not a regular file, unreadable, not parsed by the
/// reader. Never throws for bad input.
/// </summary>
internal sealed class DocumentLoader(IDocumentReader reader, long maxDocumentBytes)
{
    public async Task<(SourceDocument? Document, DocumentOutcome? Failure)> LoadAsync(IngestionSource source, CancellationToken cancellationToken)
    {
        var uri = source.SourceUri;
        switch (source)
        {
            case FailedSource failed:
                return (null, DocumentOutcome.Failed(uri, null, failed.ErrorCode, failed.Error));

            case JsonRecordSource record:
                var size = Encoding.UTF8.GetByteCount(record.Json);
                if (size > maxDocumentBytes)
                {
                    return (null, TooLarge(uri, size));
                }

                var parse = DocumentRecord.Parse(record.Json);
                return parse.Record is null
                    ? (null, DocumentOutcome.Failed(uri, null, parse.ErrorCode!, record.Location is null ? parse.Error! : $"{record.Location}: {parse.Error}"))
                    : (parse.Record.ToDocument(record.Scope, uri), null);

            case ContentSource content:
                if (content.Content.Length > maxDocumentBytes)
                {
                    return (null, TooLarge(uri, content.Content.Length));
                }

                var read = Read(uri, content.Content, content.MediaType);
                return read.Document is null
                    ? read
                    : (read.Document with
                    {
                        Id = content.IdentityKey is null ? read.Document.Id : StableId.Document(content.IdentityKey),
                        Title = content.Title ?? read.Document.Title,
                        PublishedAt = content.PublishedAt ?? read.Document.PublishedAt,
                    }, null);

            case FileSource file:
                if (FileProbe.NotRegularFile(file.FilePath) is { } kind)
                {
                    return (null, DocumentOutcome.Failed(uri, null, DocumentErrorCodes.NotARegularFile, SourceDiscovery.NotRegularFileError(kind)));
                }

                byte[] bytes;
                try
                {
                    var length = new FileInfo(file.FilePath).Length;
                    if (length > maxDocumentBytes)
                    {
                        return (null, TooLarge(uri, length));
                    }

                    bytes = await File.ReadAllBytesAsync(file.FilePath, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    var error = ex is not FileNotFoundException ? "cannot read the file: " + ex.Message
                        : file.FilePath.Contains('\uFFFD', StringComparison.Ordinal)
                            ? "the file's name is not valid UTF-8, so it cannot be opened by that name: rename it"
                        : new FileInfo(file.FilePath).LinkTarget is { } target ? $"the file is a link to '{target}', which does not exist"
                        : "cannot read the file: " + ex.Message;
                    return (null, DocumentOutcome.Failed(uri, null, DocumentErrorCodes.Unreadable, error));
                }

                return Read(uri, bytes, null);

            default:
                throw new ArgumentException($"Unknown source type {source.GetType().Name}.", nameof(source));
        }
    }

    private (SourceDocument? Document, DocumentOutcome? Failure) Read(string uri, ReadOnlyMemory<byte> bytes, string? mediaType)
    {
        DocumentReadResult result;
        try
        {
            result = reader.Read(uri, bytes, mediaType);
        }
        catch (Exception ex)
        {
            return (null, DocumentOutcome.Failed(uri, null, DocumentErrorCodes.Unreadable, "the reader failed: " + ex.Message));
        }

        return result.Document is null
            ? (null, DocumentOutcome.Failed(uri, null, result.ErrorCode ?? DocumentErrorCodes.Unreadable, result.Error ?? "the document could not be read"))
            : (result.Document, null);
    }

    private DocumentOutcome TooLarge(string uri, long length) =>
        DocumentOutcome.Failed(uri, null, DocumentErrorCodes.TooLarge,
            $"{length:N0} bytes is over the {maxDocumentBytes:N0}-byte limit (Ingestion:MaxDocumentBytes)");
}
