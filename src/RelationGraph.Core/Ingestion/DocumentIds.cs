using RelationGraph.Core.Model;

namespace RelationGraph.Core.Ingestion;

/// <summary>
/// The document ids ingestion gives files and feed records, derived again for commands that remove documents by path.
/// A file's id is the hash of its source: the name of the folder the job started from, then the path below it (see
/// <see cref="SourceDiscovery"/>). That folder is the file's own when the file was named alone, or the folder (or a
/// glob's fixed prefix) that was named.
/// </summary>
public static class DocumentIds
{
    /// <summary>True for a document id such as <c>doc_3f2a…</c> (see <see cref="StableId.IsDocumentId"/>).</summary>
    public static bool IsDocumentId(string value) => StableId.IsDocumentId(value);

    /// <summary>A <c>.jsonl</c> feed: one document per record, not one per file.</summary>
    public static bool IsFeed(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <summary>The document id of a document file (not a feed) that a job started from <paramref name="root"/> ingested.</summary>
    public static string OfFile(string fullPath, string root) => StableId.Document(SourceDiscovery.SourceUriOf(fullPath, root));

    /// <summary>
    /// The sources a document file may have been ingested under, narrowest first: one per folder a job could have
    /// started from, which is any folder the file is in (its own, then each one above it).
    /// </summary>
    public static IReadOnlyList<string> PossibleSources(string fullPath)
    {
        var sources = new List<string>();
        for (var folder = Path.GetDirectoryName(fullPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var source = SourceDiscovery.SourceUriOf(fullPath, folder);
            if (!sources.Contains(source, StringComparer.Ordinal))
            {
                sources.Add(source);
            }
        }

        return sources;
    }

    /// <summary>
    /// The ids the records of a feed on disk may have been ingested under, with their sources: for each of the feed's
    /// <see cref="PossibleSources"/>, what the pipeline derives from each record (its id in that scope, else its url,
    /// else the feed and line). Reads the feed once, streaming; lines that do not parse never became documents, nor did lines
    /// over <paramref name="maxRecordBytes"/> (collected in <paramref name="tooLarge"/>, since a job may have had a larger limit).
    /// </summary>
    public static IEnumerable<(string DocumentId, string SourceUri)> OfFeedRecords(string fullPath, long maxRecordBytes, List<string> tooLarge)
    {
        var scopes = PossibleSources(fullPath);
        var folder = Path.GetDirectoryName(fullPath)!;
        foreach (var source in SourceDiscovery.Discover([fullPath], folder, folder).Enumerate(maxRecordBytes))
        {
            if (source is FailedSource { ErrorCode: DocumentErrorCodes.TooLarge })
            {
                tooLarge.Add(source.SourceUri);
            }

            if (source is not JsonRecordSource record || DocumentRecord.Parse(record.Json).Record is not { } parsed)
            {
                continue;
            }

            // the enumerator keys a record as "<scope>#L<line>"; the same line under another scope is "<other scope>#L<line>"
            var line = record.SourceUri[record.Scope.Length..];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var scope in scopes)
            {
                var document = parsed.ToDocument(scope, scope + line);
                if (seen.Add(document.Id))
                {
                    yield return (document.Id, document.SourceUri);
                }
            }
        }
    }
}
