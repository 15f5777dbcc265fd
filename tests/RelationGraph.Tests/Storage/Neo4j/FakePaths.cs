using System.Globalization;
using System.Text.RegularExpressions;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// A model of the path statements, read off each statement's own text so that a statement that relies on
/// behaviour Neo4j does not have gives wrong answers here too. Following the Cypher manual's order of path
/// selection: trails (no relationship twice) are walked up to the quantifier's bound, with the predicates written
/// inside the pattern applied during the walk (pre-filters); then the selector picks paths; then a WHERE after the
/// pattern filters what was picked (post-filter); then ORDER BY and LIMIT. <c>SHORTEST k</c> picks among paths of
/// equal length in no particular order: the fake picks the worst-ranked first, so relying on that order shows.
/// An untyped relationship pattern reads every relationship of a node, provenance links included.
/// </summary>
internal static partial class FakePaths
{
    private enum Selector
    {
        All,
        AllShortest,
        ShortestK,
        ShortestGroups,
    }

    private sealed record Shape(Selector Selector, int Count, int QuantifierMax, bool PreFilterSimple, bool PostFilterSimple, bool PostFilterMaxHops, bool EntityOnlyPostFilter);

    public static FakeAnswer Run(FakeGraph g, Params p)
    {
        var shape = Parse(g.CurrentStatement);
        var types = FakeCypher.WalkedTypes(g.CurrentStatement);
        var from = g.Find("Entity", p.String("fromId"));
        var toId = p.String("toId");
        var to = g.Find("Entity", toId);
        var trails = new List<Trail>();
        if (from is not null && to is not null)
        {
            Walk(g, types, shape.QuantifierMax, [from], [], trails,
                r => FakeStatements.PassesFactFilter(r, p),
                (y, _) => y.Labels.Contains("Entity") && (y.Id == toId || NodeAllowed(y, p)),
                n => n == to);
        }

        var candidates = shape.PreFilterSimple ? trails.Where(t => t.IsSimple).ToList() : trails;
        var selected = Select(candidates, shape, Ranking);
        var maxHops = shape.PostFilterMaxHops ? p.Long("maxHops") : long.MaxValue;
        var rows = selected
            .Where(t => t.Rels.Count <= maxHops && (!shape.PostFilterSimple || t.IsSimple))
            .OrderBy(t => t, Ranking)
            .Take((int)p.Long("k"))
            .Select(t => new object?[] { t.Nodes.Select(NodeMap).ToList(), t.Rels.Select(RelMap).ToList() })
            .ToList();
        return new(["nodes", "facts"], rows);
    }

    /// <summary>The saved Browser query: entities found by name, then all shortest paths between them, with each fact.</summary>
    public static FakeAnswer SavedShortestBetweenNames(FakeGraph g, Params p)
    {
        var text = g.CurrentStatement;
        var shape = Parse(text);
        var types = FakeCypher.WalkedTypes(text);
        var entityOnlyInPattern = text.Contains("(:Entity)){", StringComparison.Ordinal);
        var rows = new List<object?[]>();
        foreach (var a in ByName(g, p.String("from")))
        {
            foreach (var b in ByName(g, p.String("to")))
            {
                var trails = new List<Trail>();
                Walk(g, types, shape.QuantifierMax, [a], [], trails, _ => true, (n, _) => !entityOnlyInPattern || n.Labels.Contains("Entity"), n => n == b);
                var selected = Select(trails, shape, Ranking)
                    .Where(t => !shape.EntityOnlyPostFilter || t.Nodes.All(n => n.Labels.Contains("Entity")));
                rows.AddRange(selected.SelectMany(t => t.Rels.Select(r => new object?[] { r.Type, r.Start["name"], r.End["name"] })).Take(25));
            }
        }

        return new(["type", "subject", "object"], rows);
    }

    private static IEnumerable<FakeNode> ByName(FakeGraph g, string name) =>
        g.ScanLabel("Entity").Where(e => string.Equals(e["name"] as string, name, StringComparison.OrdinalIgnoreCase)
            || ((List<object?>?)e["aliases"] ?? []).Any(x => string.Equals(x as string, name, StringComparison.OrdinalIgnoreCase)));

    private static List<Trail> Select(List<Trail> trails, Shape shape, Comparer<Trail> ranking)
    {
        if (trails.Count == 0)
        {
            return [];
        }

        switch (shape.Selector)
        {
            case Selector.AllShortest:
                var min = trails.Min(t => t.Rels.Count);
                return [.. trails.Where(t => t.Rels.Count == min)];
            case Selector.ShortestGroups:
                var lengths = trails.Select(t => t.Rels.Count).Distinct().Order().Take(shape.Count).ToHashSet();
                return [.. trails.Where(t => lengths.Contains(t.Rels.Count))];
            case Selector.ShortestK:
                // equal lengths in no particular order: the worst-ranked first
                return [.. trails.OrderBy(t => t.Rels.Count).ThenByDescending(t => t, ranking).Take(shape.Count)];
            default:
                return trails;
        }
    }

    private static Shape Parse(string text)
    {
        var selector = SelectorPattern().Match(text);
        var quantifier = QuantifierPattern().Match(text);
        var max = quantifier.Success ? int.Parse(quantifier.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("no quantifier in " + text);
        var (kind, count) = !selector.Success ? (Selector.All, 0)
            : selector.Groups["all"].Success ? (Selector.AllShortest, 0)
            : selector.Groups["groups"].Success ? (Selector.ShortestGroups, int.Parse(selector.Groups["n"].Value, CultureInfo.InvariantCulture))
            : (Selector.ShortestK, int.Parse(selector.Groups["n"].Value, CultureInfo.InvariantCulture));
        return new Shape(kind, count, max,
            PreFilterSimple: text.Contains("NOT y[i] IN y[i + 1..]", StringComparison.Ordinal),
            PostFilterSimple: text.Contains("nodes(p)[i] <> nodes(p)[j]", StringComparison.Ordinal),
            PostFilterMaxHops: text.Contains("length(p) <= $maxHops", StringComparison.Ordinal),
            EntityOnlyPostFilter: text.Contains("all(n IN nodes(p) WHERE n:Entity)", StringComparison.Ordinal));
    }

    private sealed record Trail(List<FakeNode> Nodes, List<FakeRelationship> Rels)
    {
        public bool IsSimple => Nodes.Distinct().Count() == Nodes.Count;
    }

    private static void Walk(FakeGraph g, IReadOnlyCollection<string>? types, int max, List<FakeNode> nodes, List<FakeRelationship> rels, List<Trail> found,
        Func<FakeRelationship, bool> relAllowed, Func<FakeNode, int, bool> nodeAllowed, Func<FakeNode, bool> isEnd)
    {
        if (rels.Count == max)
        {
            return;
        }

        var here = nodes[^1];
        g.Reached(rels.Count + 1);
        foreach (var r in g.Expand(here, types).ToList())
        {
            var next = r.Other(here);
            if (rels.Contains(r) || !relAllowed(r) || !nodeAllowed(next, rels.Count + 1))
            {
                continue;
            }

            nodes.Add(next);
            rels.Add(r);
            if (isEnd(next))
            {
                found.Add(new Trail([.. nodes], [.. rels]));
            }

            Walk(g, types, max, nodes, rels, found, relAllowed, nodeAllowed, isEnd);
            nodes.RemoveAt(nodes.Count - 1);
            rels.RemoveAt(rels.Count - 1);
        }
    }

    private static bool NodeAllowed(FakeNode y, Params p)
    {
        var kinds = p.List("middleKinds");
        return (kinds.Count == 0 || kinds.Contains(y["kind"]))
            && (p["maxDegree"] is null || CypherOrder.Compare(y["degree"], p["maxDegree"]) <= 0);
    }

    // ORDER BY length(p), total docCount DESC, joint confidence DESC, node ids, fact keys
    private static readonly Comparer<Trail> Ranking = Comparer<Trail>.Create((x, y) =>
    {
        var c = x.Rels.Count.CompareTo(y.Rels.Count);
        c = c != 0 ? c : Docs(y).CompareTo(Docs(x));
        c = c != 0 ? c : Joint(y).CompareTo(Joint(x));
        c = c != 0 ? c : CypherOrder.Instance.Compare(x.Nodes.Select(n => (object?)n.Id).ToList(), y.Nodes.Select(n => (object?)n.Id).ToList());
        return c != 0 ? c : CypherOrder.Instance.Compare(x.Rels.Select(r => r["factKey"]).ToList(), y.Rels.Select(r => r["factKey"]).ToList());
    });

    private static long Docs(Trail t) => t.Rels.Sum(r => r["docCount"] as long? ?? 0);

    private static double Joint(Trail t) => t.Rels.Aggregate(1.0, (joint, r) => joint * Convert.ToDouble(r["confidence"] ?? 0.0, CultureInfo.InvariantCulture));

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

    [GeneratedRegex(@"MATCH p = (?:(?<all>ALL SHORTEST)|SHORTEST (?<n>\d+)(?<groups> GROUPS)?)")]
    private static partial Regex SelectorPattern();

    [GeneratedRegex(@"(?:\)|--)\{1,(\d+)\}")]
    private static partial Regex QuantifierPattern();
}

/// <summary>What the fake reads off a statement's text: the relationship types its patterns walk.</summary>
internal static partial class FakeCypher
{
    /// <summary>The twelve fact types, as every statement that walks facts must name them.</summary>
    public static readonly string[] FactTypes =
    [
        "EMPLOYED_BY", "LEADS", "MEMBER_OF", "OWNS", "PARTY_TO", "AWARDED_BY", "CONTRACTS_WITH", "FUNDS", "INVESTIGATES",
        "SUBJECT_OF", "COMMUNICATES_WITH", "ASSOCIATED_WITH",
    ];

    /// <summary>
    /// The relationship types a statement's fact patterns read: the twelve fact types when it names them and has no
    /// untyped relationship pattern, otherwise null (every relationship of a node, mentions and evidence included).
    /// </summary>
    public static IReadOnlyCollection<string>? WalkedTypes(string statement) =>
        statement.Contains(string.Join('|', FactTypes), StringComparison.Ordinal) && !HasUntypedRelationship(statement) ? FactTypes : null;

    /// <summary>Whether a statement writes (Neo4j refuses it in a READ transaction).</summary>
    public static bool Writes(string statement) =>
        WritePattern().IsMatch(string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))));

    public static bool HasUntypedRelationship(string statement) =>
        UntypedPattern().IsMatch(string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))));

    // a relationship in brackets without a type ([r], [r {k: v}], [r WHERE …], [*1..2]), or bare dashes between node patterns
    [GeneratedRegex(@"-\[(?>\w*\s*)(?!:)[^\]]*\]-|\)\s*<?--\s*>?\s*[\(\{]")]
    private static partial Regex UntypedPattern();

    [GeneratedRegex(@"\b(MERGE|CREATE|SET|DELETE|REMOVE)\b")]
    private static partial Regex WritePattern();
}
