using RelationGraph.Core.Identity;
using RelationGraph.Core.Model;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Storage.Neo4j;

/// <summary>
/// Parameter rows for the write statements. Every value that becomes a property is a scalar or a homogeneous
/// list of scalars: Neo4j stores nothing else, and nulls in a <c>SET +=</c> map remove a property.
/// </summary>
internal static class BatchRows
{
    public static Dictionary<string, object?> Document(DocumentGraph batch, DateTimeOffset ingestedAt)
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

    public static IReadOnlyList<object?> Entities(DocumentGraph batch) =>
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
                ["nameKeys"] = NameKeys(e.Kind, e.Name, e.Aliases),
                ["props"] = props,
            };
        }),
    ];

    public static IReadOnlyList<object?> Mentions(DocumentGraph batch) =>
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

    public static IReadOnlyList<object?> Facts(DocumentGraph batch) =>
    [
        .. batch.Facts.Select(f => (object?)new Dictionary<string, object?>
        {
            ["factKey"] = f.FactKey,
            ["type"] = f.Type.ToWireName(),
            ["subjectId"] = f.SubjectId,
            ["objectId"] = f.ObjectId,
        }),
    ];

    public static IReadOnlyList<object?> Evidence(DocumentGraph batch)
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

    /// <summary>
    /// The keys an entity is found by: the normalised name and every alias, and the identity keys the ingest's
    /// cross-document stage joins by (<see cref="IdentityKeys"/>, prefixed, so they never equal a name key).
    /// </summary>
    public static string[] NameKeys(EntityKind kind, string name, IEnumerable<string> aliases)
    {
        var names = aliases.Prepend(name).ToList();
        return [.. names.Select(NameKey.Normalise).Concat(names.SelectMany(n => IdentityKeys.Of(kind, n))).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private static void AddIfSet<T>(Dictionary<string, object?> props, string name, T? value)
    {
        if (value is not null)
        {
            props[name] = value;
        }
    }
}
