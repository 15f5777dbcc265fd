using System.Globalization;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// A model of the three path statements: trails (no relationship twice) of 1–6 hops walked in either
/// direction, with the relationship and node predicates applied during the walk as the quantified pattern
/// does, then the selector, the clause WHERE, ORDER BY and LIMIT.
/// </summary>
internal static class FakePaths
{
    private const int QuantifierMax = 6;

    public enum Selector
    {
        AllShortest,
        Shortest50,
        All,
    }

    public static FakeAnswer Run(FakeGraph g, Params p, Selector selector)
    {
        var from = g.Find("Entity", p.String("fromId"));
        var toId = p.String("toId");
        var to = g.Find("Entity", toId);
        var trails = new List<(List<FakeNode> Nodes, List<FakeRelationship> Rels)>();
        if (from is not null && to is not null)
        {
            Walk(g, p, toId, [from], [], trails);
        }

        IEnumerable<(List<FakeNode> Nodes, List<FakeRelationship> Rels)> selected = selector switch
        {
            Selector.AllShortest => trails.Count == 0 ? [] : trails.Where(t => t.Rels.Count == trails.Min(x => x.Rels.Count)),
            Selector.Shortest50 => trails.OrderBy(t => t.Rels.Count).Take(50),
            _ => trails,
        };
        var maxHops = p.Long("maxHops");
        var rows = selected
            .Where(t => t.Rels.Count <= maxHops && (selector == Selector.AllShortest || t.Nodes.Distinct().Count() == t.Nodes.Count))
            .OrderBy(t => t.Rels.Count)
            .ThenByDescending(t => t.Rels.Sum(r => r["docCount"] as long? ?? 0))
            .ThenByDescending(t => t.Rels.Aggregate(1.0, (joint, r) => joint * Convert.ToDouble(r["confidence"] ?? 0.0, CultureInfo.InvariantCulture)))
            .ThenBy(t => t.Nodes.Select(n => (object?)n.Id).ToList(), CypherOrder.Instance)
            .ThenBy(t => t.Rels.Select(r => r["factKey"]).ToList(), CypherOrder.Instance)
            .Take((int)p.Long("k"))
            .Select(t => new object?[] { t.Nodes.Select(NodeMap).ToList(), t.Rels.Select(RelMap).ToList() })
            .ToList();
        return new(["nodes", "facts"], rows);
    }

    private static void Walk(FakeGraph g, Params p, string toId, List<FakeNode> nodes, List<FakeRelationship> rels, List<(List<FakeNode>, List<FakeRelationship>)> found)
    {
        if (rels.Count == QuantifierMax)
        {
            return;
        }

        var here = nodes[^1];
        foreach (var r in g.Facts.Where(r => (r.Start == here || r.End == here) && !rels.Contains(r)))
        {
            var next = r.Other(here);
            if (!FakeStatements.PassesFactFilter(r, p) || !NodeAllowed(next, p, toId))
            {
                continue;
            }

            nodes.Add(next);
            rels.Add(r);
            if (next.Id == toId)
            {
                found.Add((nodes.ToList(), rels.ToList()));
            }

            Walk(g, p, toId, nodes, rels, found);
            nodes.RemoveAt(nodes.Count - 1);
            rels.RemoveAt(rels.Count - 1);
        }
    }

    private static bool NodeAllowed(FakeNode y, Params p, string toId)
    {
        if (y.Id == toId)
        {
            return true;
        }

        var kinds = p.List("middleKinds");
        return (kinds.Count == 0 || kinds.Contains(y["kind"]))
            && (p["maxDegree"] is null || CypherOrder.Compare(y["degree"], p["maxDegree"]) <= 0);
    }

    private static Dictionary<string, object?> NodeMap(FakeNode n) => new()
    {
        ["id"] = n.Id, ["kind"] = n["kind"], ["name"] = n["name"], ["aliases"] = n["aliases"], ["mentionCount"] = n["mentionCount"], ["docCount"] = n["docCount"],
    };

    private static Dictionary<string, object?> RelMap(FakeRelationship r) => new()
    {
        ["factKey"] = r["factKey"], ["confidence"] = r["confidence"], ["evidenceCount"] = r["evidenceCount"], ["docCount"] = r["docCount"],
        ["firstSeen"] = r["firstSeen"], ["lastSeen"] = r["lastSeen"], ["sampleQuote"] = r["sampleQuote"], ["extractors"] = r["extractors"],
        ["type"] = r.Type, ["subjectId"] = r.Start.Id, ["objectId"] = r.End.Id,
    };
}
