using System.Globalization;
using RelationGraph.Core.Model;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

/// <summary>
/// Parameter rows for the write statements. Every value that becomes a property is a scalar or a homogeneous
/// list of scalars: Neo4j stores nothing else, and nulls in a <c>SET +=</c> map remove a property.
/// </summary>
internal static class BatchRows
{
    public static Dictionary<string, object?> Document(GraphBatch batch, DateTimeOffset ingestedAt)
    {
        var d = batch.Document;
        return new Dictionary<string, object?>
        {
            ["id"] = d.Id,
            ["sourceUri"] = d.SourceUri,
            ["title"] = d.Title,
            ["publisher"] = d.Publisher,
            ["author"] = d.Author,
            ["publishedAt"] = Values.Time(d.PublishedAt),
            ["mediaType"] = d.MediaType,
            ["contentHash"] = d.ContentHash,
            ["extractorVersion"] = batch.ExtractorVersion,
            ["ingestedAt"] = Values.Time(ingestedAt),
            ["length"] = d.Text.EnumerateRunes().Count(),
            ["text"] = d.Text,
        };
    }

    public static IReadOnlyList<object?> Entities(GraphBatch batch) =>
    [
        .. batch.Entities.Select(e =>
        {
            var props = new Dictionary<string, object?> { ["kind"] = e.Kind.ToString() };
            AddIfSet(props, "amount", e.Amount);
            AddIfSet(props, "currency", e.Currency);
            AddIfSet(props, "year", e.Year);
            AddIfSet(props, "status", e.Status);
            return (object?)new Dictionary<string, object?>
            {
                ["id"] = e.Id,
                ["kind"] = e.Kind.ToString(),
                ["name"] = e.Name,
                ["aliases"] = e.Aliases.Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToArray(),
                ["nameKeys"] = NameKeys(e.Name, e.Aliases),
                ["props"] = props,
            };
        }),
    ];

    public static IReadOnlyList<object?> Mentions(GraphBatch batch) =>
    [
        .. batch.Mentions.Select(m => (object?)new Dictionary<string, object?>
        {
            ["id"] = m.Id,
            ["entityId"] = m.EntityId,
            ["props"] = new Dictionary<string, object?>
            {
                ["docId"] = m.DocumentId,
                ["start"] = m.Start,
                ["end"] = m.End,
                ["text"] = m.Text,
                ["sentenceIndex"] = m.SentenceIndex,
            },
        }),
    ];

    public static IReadOnlyList<object?> Facts(GraphBatch batch) =>
    [
        .. batch.Facts.Select(f => (object?)new Dictionary<string, object?>
        {
            ["factKey"] = f.FactKey,
            ["type"] = f.Type.ToWireName(),
            ["subjectId"] = f.SubjectId,
            ["objectId"] = f.ObjectId,
        }),
    ];

    public static IReadOnlyList<object?> Evidence(GraphBatch batch)
    {
        var facts = batch.Facts.ToDictionary(f => f.FactKey, StringComparer.Ordinal);
        return
        [
            .. batch.Evidence.Select(e => (object?)new Dictionary<string, object?>
            {
                ["id"] = e.Id,
                ["subjectId"] = facts[e.FactKey].SubjectId,
                ["objectId"] = facts[e.FactKey].ObjectId,
                ["props"] = new Dictionary<string, object?>
                {
                    ["factKey"] = e.FactKey,
                    ["docId"] = e.DocumentId,
                    ["start"] = e.Start,
                    ["end"] = e.End,
                    ["quote"] = e.Quote,
                    ["citations"] = e.Citations.ToArray(),
                    ["extractor"] = e.Extractor,
                    ["confidence"] = e.Confidence,
                },
            }),
        ];
    }

    /// <summary>The normalised keys an entity is found by: its name and every alias.</summary>
    public static string[] NameKeys(string name, IEnumerable<string> aliases) =>
        [.. aliases.Prepend(name).Select(NameKey.Normalise).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)];

    private static void AddIfSet<T>(Dictionary<string, object?> props, string name, T? value)
    {
        if (value is not null)
        {
            props[name] = value;
        }
    }
}

/// <summary>Checks a batch before anything is written, so a bad batch fails whole with a clear message.</summary>
internal static class BatchRules
{
    public static void Validate(GraphBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var docId = batch.Document.Id;
        var entities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in batch.Entities)
        {
            Require(entities.Add(e.Id), docId, $"entity {e.Id} appears twice");
        }

        foreach (var m in batch.Mentions)
        {
            Require(m.DocumentId == docId, docId, $"mention {m.Id} belongs to document {m.DocumentId}");
            Require(entities.Contains(m.EntityId), docId, $"mention {m.Id} names entity {m.EntityId}, which the batch does not define");
            Require(m.Start >= 0 && m.End >= m.Start, docId, $"mention {m.Id} has span {m.Start.ToString(CultureInfo.InvariantCulture)}..{m.End.ToString(CultureInfo.InvariantCulture)}");
        }

        var facts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in batch.Facts)
        {
            Require(facts.Add(f.FactKey), docId, $"fact {f.FactKey} appears twice");
            Require(entities.Contains(f.SubjectId) && entities.Contains(f.ObjectId), docId, $"fact {f.FactKey} links entities the batch does not define");
        }

        foreach (var e in batch.Evidence)
        {
            Require(e.DocumentId == docId, docId, $"evidence {e.Id} belongs to document {e.DocumentId}");
            Require(facts.Contains(e.FactKey), docId, $"evidence {e.Id} supports fact {e.FactKey}, which the batch does not define");
            Require(e.Start >= 0 && e.End >= e.Start, docId, $"evidence {e.Id} has a negative or reversed span");
            Require(double.IsFinite(e.Confidence), docId, $"evidence {e.Id} has a non-finite confidence");
        }
    }

    private static void Require(bool condition, string docId, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"Batch for document {docId} is inconsistent: {problem}. Nothing was written.");
        }
    }
}
