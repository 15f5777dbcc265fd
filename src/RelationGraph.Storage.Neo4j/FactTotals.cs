namespace RelationGraph.Storage.Neo4j;

/// <summary>One piece of evidence as fact totals need it.</summary>
internal sealed record FactEvidence(string FactKey, double Confidence, string Quote, string Extractor, int Start, string DocId, string? ReportedAt);

/// <summary>A fact edge's totals over all its evidence, the same whichever document was ingested last.</summary>
internal static class FactTotals
{
    /// <summary>
    /// The same totals as the embedded store: confidence is the noisy-or over documents of each document's best
    /// evidence (independent sources make a fact more likely, repeats in one source do not); firstSeen/lastSeen
    /// are the earliest and latest report times (ISO strings compare as times); docIds keeps the first
    /// <paramref name="docIdsCap"/> documents by report time; the sample quote is the most confident one
    /// (then by document and position).
    /// </summary>
    public static Dictionary<string, object?> Compute(IReadOnlyList<FactEvidence> evidence, int docIdsCap)
    {
        ArgumentOutOfRangeException.ThrowIfZero(evidence.Count);
        var byTime = evidence.OrderBy(e => e.ReportedAt, StringComparer.Ordinal).ThenBy(e => e.DocId, StringComparer.Ordinal).ToList();
        var best = evidence.OrderByDescending(e => e.Confidence).ThenBy(e => e.DocId, StringComparer.Ordinal).ThenBy(e => e.Start).First();
        var untrue = evidence.GroupBy(e => e.DocId, StringComparer.Ordinal).Aggregate(1.0, (product, doc) => product * (1 - Math.Clamp(doc.Max(e => e.Confidence), 0, 1)));
        var reported = evidence.Select(e => e.ReportedAt).OfType<string>().Order(StringComparer.Ordinal).ToList();
        return new Dictionary<string, object?>
        {
            ["confidence"] = 1 - untrue,
            ["evidenceCount"] = evidence.Count,
            ["docCount"] = evidence.Select(e => e.DocId).Distinct(StringComparer.Ordinal).Count(),
            ["firstSeen"] = reported.Count > 0 ? reported[0] : null,
            ["lastSeen"] = reported.Count > 0 ? reported[^1] : null,
            ["docIds"] = byTime.Select(e => e.DocId).Distinct(StringComparer.Ordinal).Take(docIdsCap).ToArray(),
            ["sampleQuote"] = best.Quote,
            ["extractors"] = evidence.Select(e => e.Extractor).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
        };
    }
}
