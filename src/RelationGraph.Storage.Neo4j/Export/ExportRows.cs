using System.Globalization;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Storage.Neo4j.Export;

/// <summary>The properties each exported record carries in Neo4j, shared by both export formats.</summary>
internal static class ExportRows
{
    public const int DocIdsCap = 20;

    public static string? Time(DateTimeOffset? value) => value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Document(DocumentDetail detail)
    {
        var d = detail.Document;
        return new Dictionary<string, object?>
        {
            ["sourceUri"] = d.SourceUri,
            ["title"] = d.Title,
            ["publisher"] = d.Publisher,
            ["publishedAt"] = Time(d.PublishedAt),
            ["ingestedAt"] = Time(d.IngestedAt),
            ["contentHash"] = d.ContentHash,
            ["extractorVersion"] = d.ExtractorVersion,
            ["length"] = d.Length,
            ["text"] = detail.Text,
        };
    }

    public static Dictionary<string, object?> Entity(EntityDetail detail, int degree)
    {
        var e = detail.Entity;
        return new Dictionary<string, object?>
        {
            ["kind"] = e.Kind.ToString(),
            ["name"] = e.Name,
            ["aliases"] = e.Aliases.ToArray(),
            // the keys the store writes (identity keys included), so an imported graph is found and joined as a written one
            ["nameKeys"] = BatchRows.NameKeys(e.Kind, e.Name, e.Aliases),
            ["mentionCount"] = e.MentionCount,
            ["docCount"] = e.DocCount,
            ["degree"] = degree,
            ["firstSeen"] = Time(detail.FirstSeen),
            ["lastSeen"] = Time(detail.LastSeen),
            ["amount"] = detail.Amount,
            ["currency"] = detail.Currency,
            ["year"] = detail.Year,
            ["status"] = detail.Status,
        };
    }

    public static Dictionary<string, object?> Fact(FactSummary f, IReadOnlyList<string> docIds) => new()
    {
        ["factKey"] = f.FactKey,
        ["confidence"] = f.Confidence,
        ["evidenceCount"] = f.EvidenceCount,
        ["docCount"] = f.DocCount,
        ["firstSeen"] = Time(f.FirstSeen),
        ["lastSeen"] = Time(f.LastSeen),
        ["docIds"] = docIds.ToArray(),
        ["sampleQuote"] = f.SampleQuote,
        ["extractors"] = f.Extractors.ToArray(),
    };

    public static Dictionary<string, object?> Mention(MentionRecord m) => new()
    {
        ["docId"] = m.DocumentId,
        ["start"] = m.Start,
        ["end"] = m.End,
        ["text"] = m.Text,
        ["sentenceIndex"] = m.SentenceIndex,
    };

    public static Dictionary<string, object?> Evidence(EvidenceView e) => new()
    {
        ["factKey"] = e.FactKey,
        ["docId"] = e.DocumentId,
        ["start"] = e.Start,
        ["end"] = e.End,
        ["quote"] = e.Quote,
        ["citations"] = e.Citations.ToArray(),
        ["extractor"] = e.Extractor,
        ["confidence"] = e.Confidence,
    };
}

/// <summary>
/// What an export has to hold until the end: fact endpoints (evidence links to its fact's entities, and the
/// stream may list evidence before facts), per-entity degree and per-fact documents.
/// </summary>
internal sealed class ExportJoin
{
    public Dictionary<string, FactSummary> Facts { get; } = new(StringComparer.Ordinal);

    public List<EntityDetail> Entities { get; } = [];

    public List<(string EvidenceId, string FactKey, string DocId)> Evidence { get; } = [];

    public Dictionary<string, int> Degrees()
    {
        var degrees = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in Facts.Values)
        {
            degrees[f.SubjectId] = degrees.GetValueOrDefault(f.SubjectId) + 1;
            degrees[f.ObjectId] = degrees.GetValueOrDefault(f.ObjectId) + 1;
        }

        return degrees;
    }

    public ILookup<string, string> DocIdsByFact() => Evidence
        .GroupBy(e => e.FactKey, StringComparer.Ordinal)
        .SelectMany(g => g.Select(e => e.DocId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(ExportRows.DocIdsCap).Select(d => (g.Key, d)))
        .ToLookup(x => x.Key, x => x.d, StringComparer.Ordinal);
}
