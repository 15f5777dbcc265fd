namespace RelationGraph.Tests.Storage.Neo4j;

// Models of the lookup statements: names in tiers, search, the quotes of candidates, the identity-key backfill.
internal static partial class FakeStatements
{
    private static readonly string[] TierFields = ["tier", .. SummaryFields];

    private static IEnumerable<FakeNode> ByDocuments(IEnumerable<FakeNode> entities) => entities
        .OrderByDescending(e => e["docCount"], CypherOrder.Instance).ThenByDescending(e => e["mentionCount"], CypherOrder.Instance).ThenBy(e => e.Id, StringComparer.Ordinal);

    // every tier's entities, each key through the NameKey index
    private static FakeAnswer EntitiesByKey(FakeGraph g, Params p)
    {
        var keys = p.List("keys").Cast<string>().ToList();
        var rows = new List<object?[]>();
        for (var tier = 0; tier < keys.Count; tier++)
        {
            var key = keys[tier];
            rows.AddRange(ByDocuments(ByNameKeys(g, k => k == key).Select(x => x.Entity))
                .Select(e => (object?[])[(long)tier, .. SummaryFields.Select(f => e[f])]));
        }

        return new(TierFields, rows);
    }

    // plain forms against plain keys, "n:" forms against loose keys; contains forms against any key but "f:" ones
    private static FakeAnswer EntitiesSearch(FakeGraph g, Params p)
    {
        var prefixes = p.List("forms").Cast<string>().SelectMany(f => new[] { f, "n:" + f }).ToList();
        var contains = p.List("containsForms").Cast<string>().ToList();
        var kind = p["kind"] as string;
        int? Rank(string key)
        {
            var matching = prefixes.Where(x => key.StartsWith(x, StringComparison.Ordinal) && (x.StartsWith("n:", StringComparison.Ordinal) || !key.Contains(':', StringComparison.Ordinal))).ToList();
            return matching.Count > 0 ? (matching.Contains(key) ? 0 : 1)
                : !key.StartsWith("f:", StringComparison.Ordinal) && contains.Any(c => key.Contains(c, StringComparison.Ordinal)) ? 2
                : null;
        }

        return new(SummaryFields,
        [
            .. ByNameKeys(g, k => Rank(k) is not null)
                .Where(x => kind is null || Equals(x.Entity["kind"], kind))
                .Select(x => (x.Entity, Rank: x.Keys.Min(k => Rank(k)!.Value)))
                .OrderBy(x => x.Rank)
                .ThenByDescending(x => x.Entity["docCount"], CypherOrder.Instance).ThenByDescending(x => x.Entity["mentionCount"], CypherOrder.Instance)
                .ThenBy(x => x.Entity["name"], CypherOrder.Instance).ThenBy(x => x.Entity.Id, StringComparer.Ordinal)
                .Take((int)p.Long("limit"))
                .Select(x => SummaryFields.Select(f => x.Entity[f]).ToArray()),
        ]);
    }

    private static FakeAnswer EntityQuotes(FakeGraph g, Params p)
    {
        var rows = new List<object?[]>();
        foreach (var id in p.List("ids").Cast<string>())
        {
            if (g.Find("Entity", id) is not { } e)
            {
                continue;
            }

            var strongest = g.Expand(e, FakeCypher.WalkedTypes(g.CurrentStatement)).Where(r => IsEntity(r.Other(e)))
                .OrderByDescending(r => r["docCount"], CypherOrder.Instance).ThenByDescending(r => r["confidence"], CypherOrder.Instance)
                .ThenBy(r => r["factKey"], CypherOrder.Instance)
                .FirstOrDefault();
            if (strongest is not null)
            {
                rows.Add([e.Id, strongest["sampleQuote"]]);
            }
        }

        return new(["id", "quote"], rows);
    }

    // Neo4j's substring counts characters of the string as Java holds it: UTF-16 units, clamped to the text
    private static FakeAnswer EntityMentionWindows(FakeGraph g, Params p)
    {
        var margin = p.Long("margin");
        var rows = new List<object?[]>();
        foreach (var id in p.List("ids").Cast<string>())
        {
            if (g.Find("Entity", id) is not { } e)
            {
                continue;
            }

            var first = g.Incoming(e, "REFERS_TO").Select(r => r.Start).Where(m => m.Labels.Contains("Mention"))
                .GroupBy(m => (string)m["docId"]!)
                .OrderByDescending(d => d.Count()).ThenBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => d.OrderBy(m => m["start"], CypherOrder.Instance).First())
                .FirstOrDefault();
            if (first is null || g.Find("Document", (string)first["docId"]!) is not { } document)
            {
                continue;
            }

            var (start, end) = ((long)first["start"]!, (long)first["end"]!);
            var windowStart = start > margin ? start - margin : 0;
            var text = (string)document["text"]!;
            var from = (int)Math.Min(windowStart, text.Length);
            rows.Add([e.Id, first["text"], start, windowStart, text.Substring(from, (int)Math.Min(end - start + (2 * margin), text.Length - from))]);
        }

        return new(["id", "text", "start", "windowStart", "window"], rows);
    }

    private static FakeAnswer IdentityKeysPage(FakeGraph g, Params p)
    {
        if (g.WithLabel("StoreFormat").Any(f => f["identityKeys"] is true))
        {
            return new(["id", "kind", "name", "aliases"], []);
        }

        return new(["id", "kind", "name", "aliases"], [.. Page(g.WithLabel("Entity"), p).Select(e => new[] { e.Id, e["kind"], e["name"], e["aliases"] })]);
    }

    private static FakeAnswer IdentityKeysLink(FakeGraph g, Params p)
    {
        var linked = 0L;
        foreach (var row in p.Rows("rows"))
        {
            if (g.Find("Entity", (string)row["id"]!) is not { } e)
            {
                continue;
            }

            var keys = ((List<object?>)row["keys"]!).Cast<string>().ToList();
            e.Props["nameKeys"] = Keys(e).Concat(keys).Distinct(StringComparer.Ordinal).Cast<object?>().ToList();
            LinkNameKeys(g, e, keys);
            linked++;
        }

        if (p["done"] is true)
        {
            (g.WithLabel("StoreFormat").FirstOrDefault() ?? g.CreateNode("StoreFormat")).Props["identityKeys"] = true;
        }

        return new(["linked"], [[linked]]);
    }
}
