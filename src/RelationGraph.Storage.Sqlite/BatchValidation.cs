using RelationGraph.Core.Model;

namespace RelationGraph.Storage.Sqlite;

/// <summary>Rejects a malformed batch before anything is written, with a message that names the bad record.</summary>
/// <remarks>It runs on the writer's thread for every record, so a message is only built for a record that fails.</remarks>
internal static class BatchValidation
{
    public static void Validate(GraphBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(batch.Document);
        var document = batch.Document;
        if (string.IsNullOrWhiteSpace(document.Id))
        {
            throw new ArgumentException("The document has no id.");
        }

        if (string.IsNullOrWhiteSpace(batch.ExtractorVersion))
        {
            throw new ArgumentException($"Document {document.Id} has no extractor version.");
        }

        var length = CodePointLength(document.Text ?? throw new ArgumentException($"Document {document.Id} has no text.", nameof(batch)));
        foreach (var mention in batch.Mentions)
        {
            if (mention.DocumentId != document.Id)
            {
                throw new ArgumentException($"Mention {mention.Id} belongs to document {mention.DocumentId}, not {document.Id}.");
            }

            if (!(mention.Start >= 0 && mention.Start <= mention.End && mention.End <= length))
            {
                throw new ArgumentException($"Mention {mention.Id} span [{mention.Start},{mention.End}) is outside the document's {length} code points.");
            }
        }

        foreach (var evidence in batch.Evidence)
        {
            if (evidence.DocumentId != document.Id)
            {
                throw new ArgumentException($"Evidence {evidence.Id} belongs to document {evidence.DocumentId}, not {document.Id}.");
            }

            if (!(evidence.Start >= 0 && evidence.Start <= evidence.End && evidence.End <= length))
            {
                throw new ArgumentException($"Evidence {evidence.Id} span [{evidence.Start},{evidence.End}) is outside the document's {length} code points.");
            }

            if (evidence.Confidence is not (>= 0 and <= 1))
            {
                throw new ArgumentException($"Evidence {evidence.Id} confidence {evidence.Confidence} is not between 0 and 1.");
            }
        }
    }

    // Without surrogates (most text) every char is one code point, which a vectorised search tells without counting.
    private static int CodePointLength(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text.Length;
        }

        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
