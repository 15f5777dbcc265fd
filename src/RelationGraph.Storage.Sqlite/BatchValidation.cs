using RelationGraph.Core.Model;

namespace RelationGraph.Storage.Sqlite;

/// <summary>Rejects a malformed batch before anything is written, with a message that names the bad record.</summary>
internal static class BatchValidation
{
    public static void Validate(GraphBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(batch.Document);
        var document = batch.Document;
        Require(!string.IsNullOrWhiteSpace(document.Id), "The document has no id.");
        Require(!string.IsNullOrWhiteSpace(batch.ExtractorVersion), $"Document {document.Id} has no extractor version.");
        var length = CodePointLength(document.Text ?? throw new ArgumentException($"Document {document.Id} has no text.", nameof(batch)));
        foreach (var mention in batch.Mentions)
        {
            Require(mention.DocumentId == document.Id, $"Mention {mention.Id} belongs to document {mention.DocumentId}, not {document.Id}.");
            Require(mention.Start >= 0 && mention.Start <= mention.End && mention.End <= length,
                $"Mention {mention.Id} span [{mention.Start},{mention.End}) is outside the document's {length} code points.");
        }

        foreach (var evidence in batch.Evidence)
        {
            Require(evidence.DocumentId == document.Id, $"Evidence {evidence.Id} belongs to document {evidence.DocumentId}, not {document.Id}.");
            Require(evidence.Start >= 0 && evidence.Start <= evidence.End && evidence.End <= length,
                $"Evidence {evidence.Id} span [{evidence.Start},{evidence.End}) is outside the document's {length} code points.");
            Require(evidence.Confidence is >= 0 and <= 1, $"Evidence {evidence.Id} confidence {evidence.Confidence} is not between 0 and 1.");
        }
    }

    private static int CodePointLength(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
