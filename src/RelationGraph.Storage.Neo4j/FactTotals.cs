namespace RelationGraph.Storage.Neo4j;

/// <summary>One piece of evidence as fact totals need it.</summary>
internal sealed record FactEvidence(string FactKey, double Confidence, string Quote, string Extractor, string DocId, string? ReportedAt);

/// <summary>A fact edge's totals over all its evidence, the same whichever document was ingested last.</summary>
internal static class FactTotals
{
    /// <summary>
    /// Confidence is the best evidence's; firstSeen/lastSeen are the earliest and latest report times (ISO strings
    /// compare as times); docIds keeps the first <paramref name="docIdsCap"/> documents by report time; the sample
    /// quote is the most confident one.
    /// </summary>
    public static Dictionary<string, object?> Compute(IReadOnlyList<FactEvidence> evidence, int docIdsCap)
    {
        ArgumentOutOfRangeException.ThrowIfZero(evidence.Count);
        var byTime = evidence.OrderBy(e => e.ReportedAt, StringComparer.Ordinal).ThenBy(e => e.DocId, StringComparer.Ordinal).ToList();
        var best = evidence.OrderByDescending(e => e.Confidence).ThenBy(e => e.ReportedAt, StringComparer.Ordinal).ThenBy(e => e.Quote, StringComparer.Ordinal).First();
        var reported = evidence.Select(e => e.ReportedAt).OfType<string>().Order(StringComparer.Ordinal).ToList();
        return new Dictionary<string, object?>
        {
            ["confidence"] = best.Confidence,
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
