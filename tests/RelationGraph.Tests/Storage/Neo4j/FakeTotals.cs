using System.Globalization;
using System.Text.RegularExpressions;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>
/// Models of the statements that keep running totals (facts-add/-subtract/-prune, entities-add/-subtract/-state, the
/// backfills and the store-format mark), and the recount from history the tests check them against. A lookup the
/// statement makes "in index order" reads entries one by one only when schema.cypher declares that index; otherwise it
/// reads every candidate, as Neo4j would without it.
/// </summary>
internal static partial class FakeTotals
{
    private static double Clamp(object? confidence) => Math.Clamp(Convert.ToDouble(confidence, CultureInfo.InvariantCulture), 0, 1);

    private static object? ReportedAt(FakeNode document) => document["publishedAt"] ?? document["ingestedAt"];

    private static long Long(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static List<object?> List(object? value) => value as List<object?> ?? [];

    private static bool IsEntity(FakeNode node) => node.Labels.Contains("Entity");

    private static FakeRelationship? Fact(FakeGraph g, FakeNode s, FakeNode o, object? factKey) =>
        g.Expand(s, FakeCypher.WalkedTypes(g.CurrentStatement)).FirstOrDefault(r => r.Start == s && r.End == o && Equals(r["factKey"], factKey));

    // One document's evidence per fact: (fact edge, its evidence of this document), read once.
    private static List<(FakeRelationship Fact, List<FakeNode> Evidence)> EvidenceByFact(FakeGraph g, FakeNode document)
    {
        var evidence = g.ReadingProvenance(g.Incoming(document, "IN_DOCUMENT").Select(r => r.Start).Where(n => n.Labels.Contains("Evidence")).ToList()).ToList();
        var groups = new List<(FakeRelationship, List<FakeNode>)>();
        foreach (var group in evidence.GroupBy(ev => (Key: ev["factKey"] as string, S: g.Outgoing(ev, "SUBJECT").Select(r => r.End).FirstOrDefault(IsEntity), O: g.Outgoing(ev, "OBJECT").Select(r => r.End).FirstOrDefault(IsEntity))))
        {
            if (group.Key.S is { } s && group.Key.O is { } o && Fact(g, s, o, group.Key.Key) is { } fact)
            {
                groups.Add((fact, group.ToList()));
            }
        }

        return [.. groups.OrderBy(x => x.Item1["factKey"] as string, StringComparer.Ordinal)];
    }

    // One document's mentions per entity they name, in entity id order.
    private static List<(FakeNode Entity, int Mentions)> MentionsByEntity(FakeGraph g, FakeNode document) =>
    [
        .. g.ReadingProvenance(g.Incoming(document, "IN_DOCUMENT").Select(r => r.Start).Where(n => n.Labels.Contains("Mention")).ToList())
            .SelectMany(m => g.Outgoing(m, "REFERS_TO").Select(r => r.End).Where(IsEntity))
            .GroupBy(e => e)
            .Select(x => (x.Key, x.Count()))
            .OrderBy(x => x.Key.Id, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The first of <paramref name="inOrder"/> that passes <paramref name="passes"/>: through the named index, entries are
    /// read until one passes; when schema.cypher does not declare it with <paramref name="properties"/>, all are read.
    /// </summary>
    private static FakeNode? FirstInIndexOrder(FakeGraph g, string index, string[] properties, IEnumerable<FakeNode> inOrder, Func<FakeNode, bool> passes)
    {
        var candidates = inOrder.ToList();
        if (!FakeSchema.Declares(index, properties))
        {
            return g.ReadingProvenance(candidates).ToList().FirstOrDefault(passes);
        }

        foreach (var node in g.ReadingProvenance(candidates))
        {
            if (passes(node))
            {
                return node;
            }
        }

        return null;
    }

    private static IEnumerable<FakeNode> EvidenceOf(FakeGraph g, object? factKey) => g.WithLabel("Evidence").Where(ev => Equals(ev["factKey"], factKey));

    private static int CompareSample(double confidence, string docId, long start, FakeRelationship fact)
    {
        var c = -confidence.CompareTo(Convert.ToDouble(fact["sampleConfidence"], CultureInfo.InvariantCulture));
        c = c != 0 ? c : string.CompareOrdinal(docId, fact["sampleDocId"] as string);
        return c != 0 ? c : start.CompareTo(Long(fact["sampleStart"]));
    }

    private static void SetSample(FakeRelationship fact, object? quote, object? confidence, object? docId, object? start)
    {
        FakeGraph.Set(fact.Props, "sampleQuote", quote);
        FakeGraph.Set(fact.Props, "sampleConfidence", confidence);
        FakeGraph.Set(fact.Props, "sampleDocId", docId);
        FakeGraph.Set(fact.Props, "sampleStart", start);
    }

    private static void SetConfidence(FakeRelationship fact, long docCount, long certainDocs, double untrue)
    {
        FakeGraph.Set(fact.Props, "certainDocs", docCount == 0 ? 0L : certainDocs);
        FakeGraph.Set(fact.Props, "untrue", docCount == 0 ? 1.0 : untrue);
        FakeGraph.Set(fact.Props, "confidence", docCount == 0 ? 0.0 : certainDocs > 0 ? 1.0 : 1.0 - untrue);
    }

    public static FakeAnswer FactsSubtract(FakeGraph g, Params p)
    {
        var docId = p.String("docId");
        if (g.Find("Document", docId) is not { } d)
        {
            return FakeAnswer.None;
        }

        var reported = ReportedAt(d);
        foreach (var (r, evidence) in EvidenceByFact(g, d))
        {
            var best = Clamp(evidence.Max(ev => Convert.ToDouble(ev["confidence"], CultureInfo.InvariantCulture)));
            var mine = evidence.Select(ev => ev["extractor"] as string).Where(x => !string.IsNullOrEmpty(x)).ToList();
            var docCount = Long(r["docCount"]) - 1;
            var docIds = List(r["docIds"]).Cast<string>().ToList();
            var names = List(r["extractors"]).Cast<string>().ToList();
            var counts = names.Select((x, i) => Long(List(r["extractorCounts"])[i]) - mine.Count(y => y == x)).ToList();
            var certainDocs = Long(r["certainDocs"]) - (best >= 1.0 ? 1 : 0);
            var untrue = best >= 1.0 ? (double)r["untrue"]! : (double)r["untrue"]! / (1.0 - best);

            object? Seen(string property, bool earliest)
            {
                if (docCount == 0)
                {
                    return null;
                }

                if (reported is not null && r[property] is not null && !Equals(reported, r[property]))
                {
                    return r[property];
                }

                var ordered = EvidenceOf(g, r["factKey"]).Where(x => x["reportedAt"] is not null);
                ordered = earliest ? ordered.OrderBy(x => x["reportedAt"], CypherOrder.Instance) : ordered.OrderByDescending(x => x["reportedAt"], CypherOrder.Instance);
                return FirstInIndexOrder(g, "evidence_fact_reported", ["factKey", "reportedAt"], ordered, x => !Equals(x["docId"], docId))?["reportedAt"];
            }

            var firstSeen = Seen("firstSeen", earliest: true);
            var lastSeen = Seen("lastSeen", earliest: false);
            if (docIds.Contains(docId))
            {
                var more = Long(r["docCount"]) > docIds.Count;
                var last = docIds[^1];
                docIds.Remove(docId);
                if (more)
                {
                    var ordered = EvidenceOf(g, r["factKey"]).Where(x => x["docId"] is string id && string.CompareOrdinal(id, last) > 0)
                        .OrderBy(x => x["docId"], CypherOrder.Instance);
                    if (FirstInIndexOrder(g, "evidence_fact_doc", ["factKey", "docId"], ordered, _ => true) is { } next)
                    {
                        docIds.Add((string)next["docId"]!);
                    }
                }
            }

            // CASE WHEN r.sampleDocId <> $docId keeps it; null (no sample) or this document's looks again
            if (r["sampleDocId"] is null || Equals(r["sampleDocId"], docId))
            {
                var ordered = EvidenceOf(g, r["factKey"]).Where(x => x["negConfidence"] is not null && x["docId"] is not null && x["start"] is not null)
                    .OrderBy(x => x["negConfidence"], CypherOrder.Instance).ThenBy(x => x["docId"], CypherOrder.Instance).ThenBy(x => x["start"], CypherOrder.Instance);
                var sample = FirstInIndexOrder(g, "evidence_fact_rank", ["factKey", "negConfidence", "docId", "start"], ordered, x => !Equals(x["docId"], docId));
                SetSample(r, sample?["quote"], sample?["confidence"], sample?["docId"], sample?["start"]);
            }

            FakeGraph.Set(r.Props, "evidenceCount", Long(r["evidenceCount"]) - evidence.Count);
            FakeGraph.Set(r.Props, "docCount", docCount);
            SetConfidence(r, docCount, certainDocs, untrue);
            FakeGraph.Set(r.Props, "firstSeen", firstSeen);
            FakeGraph.Set(r.Props, "lastSeen", lastSeen);
            FakeGraph.Set(r.Props, "docIds", docIds.Select(x => (object?)x).ToList());
            FakeGraph.Set(r.Props, "extractors", names.Where((_, i) => counts[i] > 0).Select(x => (object?)x).ToList());
            FakeGraph.Set(r.Props, "extractorCounts", counts.Where(c => c > 0).Select(c => (object?)c).ToList());
        }

        return FakeAnswer.None;
    }

    public static FakeAnswer FactsAdd(FakeGraph g, Params p)
    {
        var docId = p.String("docId");
        if (g.Find("Document", docId) is not { } d)
        {
            return FakeAnswer.None;
        }

        var reported = ReportedAt(d);
        foreach (var (r, evidence) in EvidenceByFact(g, d))
        {
            var best = Clamp(evidence.Max(ev => Convert.ToDouble(ev["confidence"], CultureInfo.InvariantCulture)));
            var top = evidence.OrderByDescending(ev => ev["confidence"], CypherOrder.Instance).ThenBy(ev => ev["start"], CypherOrder.Instance).First();
            var mine = evidence.Select(ev => ev["extractor"] as string).Where(x => !string.IsNullOrEmpty(x)).Cast<string>().ToList();
            var oldNames = List(r["extractors"]).Cast<string>().ToList();
            var oldCounts = List(r["extractorCounts"]).Select(Long).ToList();
            var names = oldNames.Concat(mine).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var certainDocs = Long(r["certainDocs"]) + (best >= 1.0 ? 1 : 0);
            var untrue = best >= 1.0 ? (double)r["untrue"]! : (double)r["untrue"]! * (1.0 - best);
            var better = r["sampleDocId"] is null
                || CompareSample(Convert.ToDouble(top["confidence"], CultureInfo.InvariantCulture), docId, Long(top["start"]), r) < 0;

            FakeGraph.Set(r.Props, "evidenceCount", Long(r["evidenceCount"]) + evidence.Count);
            FakeGraph.Set(r.Props, "docCount", Long(r["docCount"]) + 1);
            SetConfidence(r, Long(r["docCount"]), certainDocs, untrue);
            FakeGraph.Set(r.Props, "firstSeen", r["firstSeen"] is { } first && CypherOrder.Compare(first, reported) <= 0 ? first : reported);
            FakeGraph.Set(r.Props, "lastSeen", r["lastSeen"] is { } last && CypherOrder.Compare(last, reported) >= 0 ? last : reported);
            FakeGraph.Set(r.Props, "docIds", List(r["docIds"]).Append(docId).Distinct().OrderBy(x => x, CypherOrder.Instance).Take(20).ToList());
            FakeGraph.Set(r.Props, "extractorCounts", names.Select(x => (object?)((oldNames.IndexOf(x) is var i && i >= 0 ? oldCounts[i] : 0) + mine.Count(y => y == x))).ToList());
            FakeGraph.Set(r.Props, "extractors", names.Select(x => (object?)x).ToList());
            if (better)
            {
                SetSample(r, top["quote"], top["confidence"], docId, top["start"]);
            }
        }

        return FakeAnswer.None;
    }

    public static FakeAnswer FactsPrune(FakeGraph g, Params p)
    {
        var rows = new List<object?[]>();
        foreach (var row in p.Rows("rows"))
        {
            if (g.Find("Entity", (string)row["subjectId"]!) is not { } s || g.Find("Entity", (string)row["objectId"]!) is not { } o
                || Fact(g, s, o, row["factKey"]) is not { } r)
            {
                continue;
            }

            var removed = r["evidenceCount"] is 0L;
            if (removed)
            {
                foreach (var n in s == o ? [s] : new[] { s, o })
                {
                    FakeGraph.Set(n.Props, "degree", Long(n["degree"]) - 1);
                }

                g.Relationships.Remove(r);
            }

            rows.Add([row["factKey"], removed]);
        }

        return new(["factKey", "removed"], rows);
    }

    public static FakeAnswer EntitiesSubtract(FakeGraph g, Params p)
    {
        var docId = p.String("docId");
        if (g.Find("Document", docId) is not { } d)
        {
            return FakeAnswer.None;
        }

        var reported = ReportedAt(d);
        foreach (var (e, mentions) in MentionsByEntity(g, d))
        {
            var mentionCount = Long(e["mentionCount"]) - mentions;

            object? Seen(string property, bool earliest)
            {
                if (mentionCount == 0)
                {
                    return null;
                }

                if (reported is not null && e[property] is not null && !Equals(reported, e[property]))
                {
                    return e[property];
                }

                var ordered = g.WithLabel("Mention").Where(x => Equals(x["entityId"], e.Id) && x["reportedAt"] is not null);
                ordered = earliest ? ordered.OrderBy(x => x["reportedAt"], CypherOrder.Instance) : ordered.OrderByDescending(x => x["reportedAt"], CypherOrder.Instance);
                return FirstInIndexOrder(g, "mention_entity_reported", ["entityId", "reportedAt"], ordered, x => !Equals(x["docId"], docId))?["reportedAt"];
            }

            var firstSeen = Seen("firstSeen", earliest: true);
            var lastSeen = Seen("lastSeen", earliest: false);
            FakeGraph.Set(e.Props, "mentionCount", mentionCount);
            FakeGraph.Set(e.Props, "docCount", mentionCount == 0 ? 0L : Long(e["docCount"]) - 1);
            FakeGraph.Set(e.Props, "firstSeen", firstSeen);
            FakeGraph.Set(e.Props, "lastSeen", lastSeen);
        }

        return FakeAnswer.None;
    }

    public static FakeAnswer EntitiesAdd(FakeGraph g, Params p)
    {
        if (g.Find("Document", p.String("docId")) is not { } d)
        {
            return FakeAnswer.None;
        }

        var reported = ReportedAt(d);
        foreach (var (e, mentions) in MentionsByEntity(g, d))
        {
            var mentioned = Long(e["mentionCount"]) > 0;
            FakeGraph.Set(e.Props, "mentionCount", Long(e["mentionCount"]) + mentions);
            FakeGraph.Set(e.Props, "docCount", mentioned ? Long(e["docCount"]) + 1 : 1L);
            FakeGraph.Set(e.Props, "firstSeen", mentioned && e["firstSeen"] is { } first && CypherOrder.Compare(first, reported) <= 0 ? first : reported);
            FakeGraph.Set(e.Props, "lastSeen", mentioned && e["lastSeen"] is { } last && CypherOrder.Compare(last, reported) >= 0 ? last : reported);
        }

        return FakeAnswer.None;
    }

    public static FakeAnswer EntitiesState(FakeGraph g, Params p) => new(["id", "mentionCount"],
    [
        .. p.List("ids").Select(id => g.Find("Entity", (string)id!)).OfType<FakeNode>().Select(e => new[] { e.Id, e["mentionCount"] }),
    ]);

    /// <summary>The running state a new fact edge starts with (facts-merge).</summary>
    public static void StartTotals(FakeRelationship fact)
    {
        FakeGraph.SetAll(fact.Props, new Dictionary<string, object?>
        {
            ["evidenceCount"] = 0L, ["docCount"] = 0L, ["confidence"] = 0.0, ["untrue"] = 1.0, ["certainDocs"] = 0L,
            ["docIds"] = new List<object?>(), ["extractors"] = new List<object?>(), ["extractorCounts"] = new List<object?>(),
        });
    }

    public static FakeAnswer FactsBackfill(FakeGraph g, Params p)
    {
        var pending = g.Facts.Where(r => r["extractorCounts"] is null).Take((int)p.Long("limit")).ToList();
        foreach (var r in pending)
        {
            FakeGraph.SetAll(r.Props, Recount(g, r["factKey"]));
        }

        return new(["done"], [[(long)pending.Count]]);
    }

    public static FakeAnswer MentionsBackfill(FakeGraph g, Params p)
    {
        var pending = (from m in g.WithLabel("Mention").Where(m => m["reportedAt"] is null)
                       let d = g.Outgoing(m, "IN_DOCUMENT").Select(r => r.End).FirstOrDefault(n => n.Labels.Contains("Document"))
                       where d is not null && ReportedAt(d) is not null
                       select (m, d)).Take((int)p.Long("limit")).ToList();
        foreach (var (m, d) in pending)
        {
            FakeGraph.Set(m.Props, "reportedAt", ReportedAt(d));
            FakeGraph.Set(m.Props, "entityId", g.Outgoing(m, "REFERS_TO").Select(r => r.End).FirstOrDefault(IsEntity)?.Id);
        }

        return new(["done"], [[(long)pending.Count]]);
    }

    public static FakeAnswer EvidenceBackfill(FakeGraph g, Params p)
    {
        var pending = (from ev in g.WithLabel("Evidence").Where(ev => (ev["reportedAt"] is null || ev["negConfidence"] is null) && ev["confidence"] is not null)
                       let d = g.Outgoing(ev, "IN_DOCUMENT").Select(r => r.End).FirstOrDefault(n => n.Labels.Contains("Document"))
                       where d is not null && ReportedAt(d) is not null
                       select (ev, d)).Take((int)p.Long("limit")).ToList();
        foreach (var (ev, d) in pending)
        {
            FakeGraph.Set(ev.Props, "reportedAt", ReportedAt(d));
            FakeGraph.Set(ev.Props, "negConfidence", -Convert.ToDouble(ev["confidence"], CultureInfo.InvariantCulture));
        }

        return new(["done"], [[(long)pending.Count]]);
    }

    public static FakeAnswer StoreFormat(FakeGraph g, Params p) =>
        new(["current"], [[g.WithLabel("StoreFormat").Any(f => f["runningTotals"] is true)]]);

    public static FakeAnswer StoreFormatMark(FakeGraph g, Params p)
    {
        var mark = g.WithLabel("StoreFormat").FirstOrDefault() ?? g.CreateNode("StoreFormat");
        FakeGraph.Set(mark.Props, "runningTotals", true);
        return FakeAnswer.None;
    }

    /// <summary>An entity's totals recounted from its history, as entities-recount does (what running totals must equal).</summary>
    public static Dictionary<string, object?> RecountEntity(FakeGraph g, FakeNode e)
    {
        var mentionDocs = (from r in g.Incoming(e, "REFERS_TO").Where(r => r.Start.Labels.Contains("Mention"))
                           from d in g.Outgoing(r.Start, "IN_DOCUMENT").Select(x => x.End).Where(n => n.Labels.Contains("Document"))
                           select (Mention: r.Start, Document: d)).ToList();
        var evidenceDocs = (from r in g.Incoming(e, "SUBJECT", "OBJECT").Where(r => r.Start.Labels.Contains("Evidence"))
                            from d in g.Outgoing(r.Start, "IN_DOCUMENT").Select(x => x.End).Where(n => n.Labels.Contains("Document"))
                            select d).Distinct().ToList();
        var mentionCount = mentionDocs.Select(x => x.Mention).Distinct().Count();
        var docs = mentionCount > 0 ? mentionDocs.Select(x => x.Document).Distinct().ToList() : evidenceDocs;
        var seen = docs.Select(ReportedAt).OfType<string>().Order(StringComparer.Ordinal).ToList();
        return new Dictionary<string, object?>
        {
            ["mentionCount"] = (long)mentionCount,
            ["docCount"] = (long)docs.Count,
            ["degree"] = (long)g.Facts.Count(r => r.Start == e || r.End == e),
            ["firstSeen"] = seen.Count > 0 ? seen[0] : null,
            ["lastSeen"] = seen.Count > 0 ? seen[^1] : null,
        };
    }

    /// <summary>
    /// A fact's totals and running state recounted from all its evidence, as the embedded store recounts them: what the
    /// running totals must always equal (and what facts-backfill writes).
    /// </summary>
    public static Dictionary<string, object?> Recount(FakeGraph g, object? factKey)
    {
        var evidence = (from ev in EvidenceOf(g, factKey)
                        from r in g.Outgoing(ev, "IN_DOCUMENT").Where(r => r.End.Labels.Contains("Document"))
                        select (Evidence: ev, Document: r.End)).ToList();
        var byDoc = evidence.GroupBy(x => x.Document.Id!, StringComparer.Ordinal).OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
        var bests = byDoc.Select(x => Clamp(x.Max(y => Convert.ToDouble(y.Evidence["confidence"], CultureInfo.InvariantCulture)))).ToList();
        var untrue = bests.Where(b => b < 1.0).Aggregate(1.0, (u, b) => u * (1.0 - b));
        var certainDocs = (long)bests.Count(b => b >= 1.0);
        var reported = byDoc.Select(x => ReportedAt(x.First().Document)).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var all = evidence.Select(x => x.Evidence["extractor"] as string).Where(x => !string.IsNullOrEmpty(x)).Cast<string>().ToList();
        var names = all.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var best = evidence.OrderByDescending(x => x.Evidence["confidence"], CypherOrder.Instance).ThenBy(x => x.Document.Id, StringComparer.Ordinal)
            .ThenBy(x => x.Evidence["start"], CypherOrder.Instance).Select(x => ((FakeNode, FakeNode)?)x).FirstOrDefault();
        return new Dictionary<string, object?>
        {
            ["evidenceCount"] = (long)evidence.Count,
            ["docCount"] = (long)byDoc.Count,
            ["docIds"] = byDoc.Select(x => (object?)x.Key).Take(20).ToList(),
            ["firstSeen"] = reported.Count > 0 ? reported[0] : null,
            ["lastSeen"] = reported.Count > 0 ? reported[^1] : null,
            ["certainDocs"] = certainDocs,
            ["untrue"] = untrue,
            ["confidence"] = certainDocs > 0 ? 1.0 : 1.0 - untrue,
            ["extractors"] = names.Select(x => (object?)x).ToList(),
            ["extractorCounts"] = names.Select(x => (object?)(long)all.Count(y => y == x)).ToList(),
            ["sampleQuote"] = best?.Item1["quote"],
            ["sampleConfidence"] = best?.Item1["confidence"],
            ["sampleDocId"] = best?.Item2.Id,
            ["sampleStart"] = best?.Item1["start"],
        };
    }
}

/// <summary>The indexes schema.cypher declares, by name, with their properties in order.</summary>
internal static partial class FakeSchema
{
    private static readonly Lazy<Dictionary<string, string[]>> Indexes = new(() =>
        IndexPattern().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Cypher, "schema.cypher")))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["props"].Value.Split(',').Select(x => x.Trim().Split('.')[^1]).ToArray(), StringComparer.Ordinal));

    public static bool Declares(string name, string[] properties) =>
        Indexes.Value.TryGetValue(name, out var declared) && declared.SequenceEqual(properties, StringComparer.Ordinal);

    [GeneratedRegex(@"CREATE INDEX (?<name>\w+) IF NOT EXISTS FOR \(\w+:\w+\) ON \((?<props>[^)]*)\)")]
    private static partial Regex IndexPattern();
}
