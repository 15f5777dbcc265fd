using System.Globalization;
using RelationGraph.Core.Model;

namespace RelationGraph.Core.Storage;

/// <summary>
/// What every store requires of a document's batch before it writes anything: ids present and each defined once,
/// every mention, fact and evidence record pointing at records of the same batch, spans inside the text (code points),
/// confidences between 0 and 1, and symmetric facts in key order (see <see cref="FactRecord.InKeyOrder"/>).
/// </summary>
/// <remarks>
/// Every store calls it on its writer's path for every record, so it allocates a message only for a batch that fails.
/// A batch that fails is reported as <see cref="ApplyOutcome.Failed"/> by <see cref="IGraphStore.ApplyAsync"/>.
/// </remarks>
public static class BatchValidation
{
    /// <summary>Why <paramref name="batch"/> cannot be stored, naming the first bad record; null when it can.</summary>
    public static string? FindProblem(DocumentGraph batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var document = batch.Document;
        if (document is null || string.IsNullOrWhiteSpace(document.Id))
        {
            return "the document has no id";
        }

        if (string.IsNullOrWhiteSpace(batch.ExtractorVersion))
        {
            return $"document {document.Id} has no extractor version";
        }

        if (document.Text is null)
        {
            return $"document {document.Id} has no text";
        }

        var length = CodePointLength(document.Text);
        var entities = new HashSet<string>(batch.Entities.Count, StringComparer.Ordinal);
        foreach (var entity in batch.Entities)
        {
            if (!entities.Add(entity.Id))
            {
                return $"entity {entity.Id} appears twice";
            }
        }

        var mentions = new HashSet<string>(batch.Mentions.Count, StringComparer.Ordinal);
        foreach (var mention in batch.Mentions)
        {
            if (!mentions.Add(mention.Id))
            {
                return $"mention {mention.Id} appears twice";
            }

            if (mention.DocumentId != document.Id)
            {
                return $"mention {mention.Id} belongs to document {mention.DocumentId}, not {document.Id}";
            }

            if (!entities.Contains(mention.EntityId))
            {
                return $"mention {mention.Id} names entity {mention.EntityId}, which the batch does not define";
            }

            if (!InText(mention.Start, mention.End, length))
            {
                return OutsideText("mention", mention.Id, mention.Start, mention.End, length);
            }
        }

        var facts = new HashSet<string>(batch.Facts.Count, StringComparer.Ordinal);
        foreach (var fact in batch.Facts)
        {
            if (!facts.Add(fact.FactKey))
            {
                return $"fact {fact.FactKey} appears twice";
            }

            if (!entities.Contains(fact.SubjectId) || !entities.Contains(fact.ObjectId))
            {
                return $"fact {fact.FactKey} links {fact.SubjectId} and {fact.ObjectId}, which the batch does not both define";
            }

            if (!ReferenceEquals(fact, fact.InKeyOrder()))
            {
                return $"symmetric fact {fact.FactKey} is not in key order (subject {fact.SubjectId} sorts after object {fact.ObjectId})";
            }
        }

        var evidence = new HashSet<string>(batch.Evidence.Count, StringComparer.Ordinal);
        foreach (var item in batch.Evidence)
        {
            if (!evidence.Add(item.Id))
            {
                return $"evidence {item.Id} appears twice";
            }

            if (item.DocumentId != document.Id)
            {
                return $"evidence {item.Id} belongs to document {item.DocumentId}, not {document.Id}";
            }

            if (!facts.Contains(item.FactKey))
            {
                return $"evidence {item.Id} supports fact {item.FactKey}, which the batch does not define";
            }

            if (!InText(item.Start, item.End, length))
            {
                return OutsideText("evidence", item.Id, item.Start, item.End, length);
            }

            // NaN fails this too
            if (item.Confidence is not (>= 0 and <= 1))
            {
                return string.Create(CultureInfo.InvariantCulture, $"evidence {item.Id} has confidence {item.Confidence}, not between 0 and 1");
            }
        }

        return null;
    }

    private static bool InText(int start, int end, int length) => start >= 0 && start <= end && end <= length;

    private static string OutsideText(string what, string id, int start, int end, int length) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {id} span [{start},{end}) is outside the document's {length} code points");

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
