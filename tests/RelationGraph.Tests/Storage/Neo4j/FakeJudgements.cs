namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// The fake's models of the statements about identity judgements (cypher/judgement-*.cypher, judgements-list) and of
/// what applying them again reads (document-source, entity-document-ids).
/// </summary>
internal static class FakeJudgements
{
    private static readonly string[] JudgementFields =
        ["id", "kind", "entityId", "entityKind", "entityName", "otherId", "otherKind", "otherName", "documents", "author", "createdAt", "reason", "revokedAt", "revokedBy"];

    public static FakeAnswer List(FakeGraph g, Params p) => new(JudgementFields,
    [
        .. g.WithLabel("Judgement")
            .OrderBy(j => j["createdAt"], CypherOrder.Instance).ThenBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => JudgementFields.Select(f => j[f]).ToArray()),
    ]);

    // OPTIONAL MATCH, then MERGE ... ON CREATE SET j += $props
    public static FakeAnswer Create(FakeGraph g, Params p)
    {
        var j = g.Merge("Judgement", p.String("id"), out var created);
        if (created)
        {
            FakeGraph.SetAll(j.Props, p["props"]);
        }

        return new(["created"], [[created]]);
    }

    public static FakeAnswer Revoke(FakeGraph g, Params p)
    {
        var at = p.String("revokedAt");
        var by = p.String("revokedBy");
        if (g.Find("Judgement", p.String("id")) is not { } j || !(j["revokedAt"] is null || (Equals(j["revokedAt"], at) && Equals(j["revokedBy"], by))))
        {
            return new(["id"], []);
        }

        FakeGraph.Set(j.Props, "revokedAt", at);
        FakeGraph.Set(j.Props, "revokedBy", by);
        return new(["id"], [[j.Id]]);
    }

    public static FakeAnswer DocumentSource(FakeGraph g, Params p)
    {
        string[] fields = ["id", "sourceUri", "title", "publisher", "author", "publishedAt", "mediaType", "text", "contentHash"];
        return g.Find("Document", p.String("docId")) is { } d ? new(fields, [[.. fields.Select(f => d[f])]]) : new(fields, []);
    }

    // (:Entity)<-[:REFERS_TO|SUBJECT|OBJECT]-(p:Mention|Evidence)-[:IN_DOCUMENT]->(d:Document), distinct, in id order
    public static FakeAnswer EntityDocumentIds(FakeGraph g, Params p)
    {
        if (g.Find("Entity", p.String("entityId")) is not { } e)
        {
            return new(["docId"], []);
        }

        var ids = g.Incoming(e, "REFERS_TO", "SUBJECT", "OBJECT").Select(r => r.Start)
            .Where(n => n.Labels.Contains("Mention") || n.Labels.Contains("Evidence"))
            .SelectMany(n => g.Outgoing(n, "IN_DOCUMENT").Select(r => r.End).Where(d => d.Labels.Contains("Document")))
            .Select(d => d.Id!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new(["docId"], [.. ids.Select(id => new object?[] { id })]);
    }
}
