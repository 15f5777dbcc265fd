using System.Globalization;
using RelationGraph.Storage.Neo4j.QueryApi;

namespace RelationGraph.Tests.Storage.Neo4j;

/// <summary>A statement's answer: field names and rows.</summary>
internal sealed record FakeAnswer(string[] Fields, List<object?[]> Rows)
{
    public static FakeAnswer None { get; } = new([], []);
}

/// <summary>
/// The fake's "Cypher engine": a C# model of each statement in cypher/, found by the statement's exact text.
/// It is a model of what the Cypher does, checked against a real server only by the live suite; what it
/// guarantees is that the adapter sends nothing but the linted files and that the adapter's logic around
/// them is right. Unknown statements are rejected as Neo4j rejects bad syntax.
/// </summary>
internal static partial class FakeStatements
{
    private static readonly Dictionary<string, Func<FakeGraph, Params, FakeAnswer>> Handlers = new(StringComparer.Ordinal)
    {
        ["document-state"] = DocumentState,
        ["document-provenance"] = DocumentProvenance,
        ["document-delete-provenance"] = DocumentDeleteProvenance,
        ["document-merge"] = DocumentMerge,
        ["document-delete"] = DocumentDelete,
        ["entities-merge"] = EntitiesMerge,
        ["mentions-create"] = MentionsCreate,
        ["facts-merge"] = FactsMerge,
        ["evidence-create"] = EvidenceCreate,
        ["facts-add"] = FakeTotals.FactsAdd,
        ["facts-subtract"] = FakeTotals.FactsSubtract,
        ["facts-prune"] = FakeTotals.FactsPrune,
        ["entities-add"] = FakeTotals.EntitiesAdd,
        ["entities-subtract"] = FakeTotals.EntitiesSubtract,
        ["entities-state"] = FakeTotals.EntitiesState,
        ["facts-backfill"] = FakeTotals.FactsBackfill,
        ["mentions-backfill"] = FakeTotals.MentionsBackfill,
        ["evidence-backfill"] = FakeTotals.EvidenceBackfill,
        ["store-format"] = FakeTotals.StoreFormat,
        ["store-format-mark"] = FakeTotals.StoreFormatMark,
        ["entities-recount"] = EntitiesRecount,
        ["entities-delete"] = EntitiesDelete,
        ["document-get"] = (g, p) => DocumentRows(g.Find("Document", p.String("docId")) is { } d ? [d] : [], g, withText: true),
        ["documents-list"] = DocumentsList,
        ["document-mentions"] = DocumentMentions,
        ["counts"] = Counts,
        ["ever-held-documents"] = (g, _) => new(["everHeld"], [[g.WithLabel("StoreHistory").Any() || g.WithLabel("Document").Any()]]),
        ["entity-get"] = (g, p) => EntityDetailRows(g.Find("Entity", p.String("entityId")) is { } e ? [e] : []),
        ["entity-facts"] = EntityFacts,
        ["fact-get"] = FactGet,
        ["evidence-page"] = EvidencePage,
        ["evidence-for-facts"] = EvidenceForFacts,
        ["entities-by-key"] = EntitiesByKey,
        ["entities-by-identity-keys"] = EntitiesByIdentityKeys,
        ["entities-search"] = EntitiesSearch,
        ["entity-quotes"] = EntityQuotes,
        ["entity-mention-windows"] = EntityMentionWindows,
        ["identity-keys-page"] = IdentityKeysPage,
        ["identity-keys-link"] = IdentityKeysLink,
        ["name-keys-backfill"] = NameKeysBackfill,
        ["document-source"] = FakeJudgements.DocumentSource,
        ["entity-document-ids"] = FakeJudgements.EntityDocumentIds,
        ["judgements-list"] = FakeJudgements.List,
        ["judgement-create"] = FakeJudgements.Create,
        ["judgement-revoke"] = FakeJudgements.Revoke,
        ["paths-shortest"] = FakePaths.Run,
        ["paths-k-shortest"] = FakePaths.Run,
        ["paths-all-simple"] = FakePaths.Run,
        ["export-documents"] = (g, p) => DocumentRows(Page(g.WithLabel("Document"), p), g, withText: true),
        ["export-entities"] = (g, p) => EntityDetailRows(Page(g.WithLabel("Entity"), p)),
        ["export-facts"] = ExportFacts,
        ["export-mentions"] = ExportMentions,
        ["export-evidence"] = ExportEvidence,
        ["delete-all"] = (g, _) =>
        {
            g.Relationships.Clear();
            g.Nodes.Clear();
            return FakeAnswer.None;
        },
    };

    /// <summary>Models of saved Browser queries, which tests send to the fake as Browser would.</summary>
    private static readonly Dictionary<string, Func<FakeGraph, Params, FakeAnswer>> SavedHandlers = new(StringComparer.Ordinal)
    {
        ["saved/shortest-paths-between-two-names"] = FakePaths.SavedShortestBetweenNames,
    };

    /// <summary>Statement text → (name, handler), built from the cypher/ files on disk.</summary>
    public static IReadOnlyDictionary<string, (string Name, Func<FakeGraph, Params, FakeAnswer> Run)> Load(string cypherFolder)
    {
        var known = new Dictionary<string, (string, Func<FakeGraph, Params, FakeAnswer>)>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(cypherFolder, "*.cypher"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var text = File.ReadAllText(path);
            if (name == "schema")
            {
                foreach (var statement in CypherStatements.SplitScript(name, text))
                {
                    known[statement.Text] = (statement.Name, static (_, _) => FakeAnswer.None);
                }

                continue;
            }

            if (Handlers.TryGetValue(name, out var handler))
            {
                known[text] = (name, handler);
                if (name == "export-facts")
                {
                    // the adapter runs export-facts once per fact type (CypherStatements.ExportFactsOf)
                    foreach (var type in FakeCypher.FactTypes)
                    {
                        known[text.Replace("[r:EMPLOYED_BY]", $"[r:{type}]", StringComparison.Ordinal)] = ($"export-facts[{type}]", handler);
                    }
                }

                if (name.StartsWith("paths-", StringComparison.Ordinal))
                {
                    // the adapter sends path statements with the quantifier bound to the request (CypherStatements.BoundPath)
                    foreach (var bound in CypherStatements.BoundPathVariants(new CypherStatement(name, text)))
                    {
                        known[bound.Text] = (bound.Name, handler);
                    }
                }
            }
        }

        foreach (var path in Directory.GetFiles(Path.Combine(cypherFolder, "saved"), "*.cypher"))
        {
            var name = "saved/" + Path.GetFileNameWithoutExtension(path);
            if (SavedHandlers.TryGetValue(name, out var handler))
            {
                known[File.ReadAllText(path)] = (name, handler);
            }
        }

        return known;
    }

    public static IEnumerable<string> ModelledNames => Handlers.Keys;

    private static FakeAnswer DocumentState(FakeGraph g, Params p) =>
        g.Find("Document", p.String("docId")) is { } d
            ? new(["contentHash", "extractorVersion"], [[d["contentHash"], d["extractorVersion"]]])
            : new(["contentHash", "extractorVersion"], []);

    private static List<FakeNode> ProvenanceOf(FakeGraph g, string docId) =>
        g.Find("Document", docId) is { } d
            ? g.Incoming(d, "IN_DOCUMENT").Select(r => r.Start).Where(n => n.Labels.Contains("Mention") || n.Labels.Contains("Evidence")).ToList()
            : [];

    private static FakeAnswer DocumentProvenance(FakeGraph g, Params p)
    {
        var rows = new List<object?[]>();
        foreach (var node in g.ReadingProvenance(ProvenanceOf(g, p.String("docId"))))
        {
            var subjects = g.Outgoing(node, "REFERS_TO", "SUBJECT").Select(r => r.End).Where(IsEntity).Select(n => (object?)n.Id).DefaultIfEmpty(null);
            var objects = g.Outgoing(node, "OBJECT").Select(r => r.End).Where(IsEntity).Select(n => (object?)n.Id).DefaultIfEmpty(null);
            rows.AddRange(from s in subjects from o in objects select new[] { node.Id, node["factKey"], s, o });
        }

        return new(["id", "factKey", "subjectId", "objectId"], rows);
    }

    private static FakeAnswer DocumentDeleteProvenance(FakeGraph g, Params p)
    {
        foreach (var node in ProvenanceOf(g, p.String("docId")))
        {
            g.DetachDelete(node);
        }

        return FakeAnswer.None;
    }

    private static FakeAnswer DocumentDelete(FakeGraph g, Params p)
    {
        if (g.Find("Document", p.String("docId")) is { } d)
        {
            g.DetachDelete(d);
        }

        return FakeAnswer.None;
    }

    private static FakeAnswer DocumentMerge(FakeGraph g, Params p)
    {
        var d = g.Merge("Document", p.String("docId"), out _);
        FakeGraph.SetAll(d.Props, p["props"]);
        if (!g.WithLabel("StoreHistory").Any())
        {
            g.CreateNode("StoreHistory");
        }

        return FakeAnswer.None;
    }

    private static FakeAnswer EntitiesMerge(FakeGraph g, Params p)
    {
        var rows = new List<object?[]>();
        foreach (var row in p.Rows("rows"))
        {
            var e = g.Merge("Entity", (string)row["id"]!, out var created);
            if (created)
            {
                FakeGraph.Set(e.Props, "name", row["name"]);
                FakeGraph.Set(e.Props, "aliases", new List<object?>());
                FakeGraph.Set(e.Props, "nameKeys", new List<object?>());
                FakeGraph.Set(e.Props, "mentionCount", 0L);
                FakeGraph.Set(e.Props, "docCount", 0L);
                FakeGraph.Set(e.Props, "degree", 0L);
            }

            FakeGraph.SetAll(e.Props, row["props"]);
            var aliases = e["aliases"] as List<object?> ?? [];
            var keys = e["nameKeys"] as List<object?> ?? [];
            FakeGraph.Set(e.Props, "aliases", ((List<object?>)row["aliases"]!).Aggregate(aliases.ToList(), (acc, a) => acc.Contains(a) || Equals(a, e["name"]) ? acc : [.. acc, a]));
            FakeGraph.Set(e.Props, "nameKeys", ((List<object?>)row["nameKeys"]!).Aggregate(keys.ToList(), (acc, k) => acc.Contains(k) ? acc : [.. acc, k]));
            if (row["kind"] is "Person" or "Organisation" or "Contract" or "Investigation")
            {
                e.Labels.Add((string)row["kind"]!);
            }

            if (g.CurrentStatement.Contains("MERGE (k:NameKey {key: key})", StringComparison.Ordinal))
            {
                LinkNameKeys(g, e, ((List<object?>)row["nameKeys"]!).Cast<string>());
            }

            rows.Add([row["id"], created]);
        }

        return new(["id", "created"], rows);
    }

    private static FakeAnswer MentionsCreate(FakeGraph g, Params p)
    {
        if (g.Find("Document", p.String("docId")) is not { } d)
        {
            return FakeAnswer.None;
        }

        foreach (var row in p.Rows("rows"))
        {
            if (g.Find("Entity", (string)row["entityId"]!) is not { } e)
            {
                continue;
            }

            var m = g.Merge("Mention", (string)row["id"]!, out _);
            FakeGraph.SetAll(m.Props, row["props"]);
            FakeGraph.Set(m.Props, "entityId", e.Id);
            FakeGraph.Set(m.Props, "reportedAt", ReportedAt(d));
            g.MergeRelationship(m, "IN_DOCUMENT", d);
            g.MergeRelationship(m, "REFERS_TO", e);
        }

        return FakeAnswer.None;
    }

    private static readonly string[] FactTypes =
    [
        "EMPLOYED_BY", "LEADS", "MEMBER_OF", "OWNS", "PARTY_TO", "AWARDED_BY", "CONTRACTS_WITH", "FUNDS", "INVESTIGATES",
        "SUBJECT_OF", "COMMUNICATES_WITH", "ASSOCIATED_WITH",
    ];

    private static FakeAnswer FactsMerge(FakeGraph g, Params p)
    {
        var rows = new List<object?[]>();
        foreach (var row in p.Rows("rows"))
        {
            if (g.Find("Entity", (string)row["subjectId"]!) is not { } s || g.Find("Entity", (string)row["objectId"]!) is not { } o)
            {
                continue;
            }

            var key = (string)row["factKey"]!;
            var created = !g.Expand(s, FakeCypher.WalkedTypes(g.CurrentStatement)).Any(r => r.Start == s && r.End == o && Equals(r["factKey"], key));
            if (!FactTypes.Contains(row["type"] as string))
            {
                continue;
            }

            var fact = g.MergeRelationship(s, (string)row["type"]!, o, key);
            if (created)
            {
                FakeTotals.StartTotals(fact);
                foreach (var n in s == o ? [s] : new[] { s, o })
                {
                    FakeGraph.Set(n.Props, "degree", (n["degree"] is long degree ? degree : 0L) + 1);
                }
            }

            rows.Add([key, created]);
        }

        return new(["factKey", "created"], rows);
    }

    private static FakeAnswer EvidenceCreate(FakeGraph g, Params p)
    {
        if (g.Find("Document", p.String("docId")) is not { } d)
        {
            return FakeAnswer.None;
        }

        foreach (var row in p.Rows("rows"))
        {
            if (g.Find("Entity", (string)row["subjectId"]!) is not { } s || g.Find("Entity", (string)row["objectId"]!) is not { } o)
            {
                continue;
            }

            var ev = g.Merge("Evidence", (string)row["id"]!, out _);
            FakeGraph.SetAll(ev.Props, row["props"]);
            FakeGraph.Set(ev.Props, "reportedAt", ReportedAt(d));
            FakeGraph.Set(ev.Props, "negConfidence", -Convert.ToDouble(ev["confidence"], CultureInfo.InvariantCulture));
            g.MergeRelationship(ev, "IN_DOCUMENT", d);
            g.MergeRelationship(ev, "SUBJECT", s);
            g.MergeRelationship(ev, "OBJECT", o);
        }

        return FakeAnswer.None;
    }

    private static IEnumerable<(FakeNode Evidence, FakeNode Document)> EvidenceFor(FakeGraph g, object? factKey) =>
        from ev in g.WithLabel("Evidence").Where(ev => Equals(ev["factKey"], factKey))
        from r in g.Outgoing(ev, "IN_DOCUMENT").Where(r => r.End.Labels.Contains("Document"))
        select (ev, r.End);

    private static object? ReportedAt(FakeNode document) => document["publishedAt"] ?? document["ingestedAt"];

    // entities-recount: each entity's totals; unsupported when nothing mentions it and no fact touches it
    private static FakeAnswer EntitiesRecount(FakeGraph g, Params p)
    {
        var rows = new List<object?[]>();
        foreach (var id in p.List("ids"))
        {
            if (g.Find("Entity", (string)id!) is not { } e)
            {
                continue;
            }

            var mentionDocs = (from r in g.ReadingProvenance(g.Incoming(e, "REFERS_TO").Where(r => r.Start.Labels.Contains("Mention")))
                               from d in g.Outgoing(r.Start, "IN_DOCUMENT").Select(x => x.End).Where(n => n.Labels.Contains("Document"))
                               select (Mention: r.Start, Document: d)).ToList();
            var evidenceDocs = (from r in g.ReadingProvenance(g.Incoming(e, "SUBJECT", "OBJECT").Where(r => r.Start.Labels.Contains("Evidence")))
                                from d in g.Outgoing(r.Start, "IN_DOCUMENT").Select(x => x.End).Where(n => n.Labels.Contains("Document"))
                                select d).Distinct().ToList();
            var mentionCount = mentionDocs.Select(x => x.Mention).Distinct().Count();
            var docs = mentionCount > 0 ? mentionDocs.Select(x => x.Document).Distinct().ToList() : evidenceDocs;
            var degree = g.Expand(e, FakeCypher.WalkedTypes(g.CurrentStatement)).Count(r => IsEntity(r.Other(e)));
            var seen = docs.Select(ReportedAt).OfType<string>().Order(StringComparer.Ordinal).ToList();
            FakeGraph.Set(e.Props, "mentionCount", (long)mentionCount);
            FakeGraph.Set(e.Props, "docCount", (long)docs.Count);
            FakeGraph.Set(e.Props, "degree", (long)degree);
            FakeGraph.Set(e.Props, "firstSeen", seen.Count > 0 ? seen[0] : null);
            FakeGraph.Set(e.Props, "lastSeen", seen.Count > 0 ? seen[^1] : null);
            rows.Add([e.Id, mentionCount == 0 && degree == 0]);
        }

        return new(["id", "unsupported"], rows);
    }

    private static FakeAnswer EntitiesDelete(FakeGraph g, Params p)
    {
        foreach (var id in p.List("ids"))
        {
            if (g.Find("Entity", (string)id!) is { } e)
            {
                var keys = g.Outgoing(e, "NAMED").Select(r => r.End).ToList();
                g.DetachDelete(e);
                foreach (var k in keys.Where(k => !g.Incoming(k, "NAMED").Any()))
                {
                    g.DetachDelete(k);
                }
            }
        }

        return FakeAnswer.None;
    }

    private static void LinkNameKeys(FakeGraph g, FakeNode e, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var k = g.WithLabel("NameKey").FirstOrDefault(n => Equals(n["key"], key));
            if (k is null)
            {
                k = g.CreateNode("NameKey");
                k.Props["key"] = key;
            }

            g.MergeRelationship(e, "NAMED", k);
        }
    }

    private static FakeAnswer NameKeysBackfill(FakeGraph g, Params p)
    {
        var pending = g.ScanLabel("Entity").Where(e => !g.Outgoing(e, "NAMED").Any() && Keys(e).Count > 0).Take((int)p.Long("limit")).ToList();
        foreach (var e in pending)
        {
            LinkNameKeys(g, e, Keys(e));
        }

        return new(["linked"], [[(long)pending.Count]]);
    }

    // Entities found by name: through the NameKey indexes when the statement uses them (only matching keys are
    // read), otherwise by reading every Entity node.
    private static IEnumerable<(FakeNode Entity, List<string> Keys)> ByNameKeys(FakeGraph g, Func<string, bool> matches)
    {
        if (g.CurrentStatement.Contains("NameKey", StringComparison.Ordinal))
        {
            return g.WithLabel("NameKey").Where(k => matches((string)k["key"]!))
                .SelectMany(k => g.Incoming(k, "NAMED").Select(r => r.Start)).Distinct()
                .Select(e => (e, g.Outgoing(e, "NAMED").Select(r => (string)r.End["key"]!).Where(matches).ToList()));
        }

        return g.ScanLabel("Entity").Select(e => (e, Keys(e).Where(matches).ToList())).Where(x => x.Item2.Count > 0);
    }

    private static readonly string[] DocumentFields =
        ["id", "sourceUri", "title", "publisher", "publishedAt", "ingestedAt", "contentHash", "extractorVersion", "length"];

    private static FakeAnswer DocumentRows(IEnumerable<FakeNode> documents, FakeGraph g, bool withText)
    {
        var fields = withText ? [.. DocumentFields, "text", "mentionCount", "evidenceCount"] : DocumentFields;
        var rows = documents.Select(d =>
        {
            var values = DocumentFields.Select(f => d[f]).ToList();
            if (withText)
            {
                var provenance = g.Incoming(d, "IN_DOCUMENT").Select(r => r.Start).ToList();
                values.Add(d["text"]);
                values.Add((long)provenance.Count(n => n.Labels.Contains("Mention")));
                values.Add((long)provenance.Count(n => n.Labels.Contains("Evidence")));
            }

            return values.ToArray();
        }).ToList();
        return new(fields, rows);
    }

    private static FakeAnswer DocumentsList(FakeGraph g, Params p)
    {
        var documents = g.WithLabel("Document")
            .OrderByDescending(d => d["ingestedAt"], CypherOrder.Instance).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Skip((int)p.Long("offset")).Take((int)p.Long("limit"));
        return DocumentRows(documents, g, withText: false);
    }

    // Counts per label and per relationship type come from the count store; a pattern with labels on both ends of an
    // untyped relationship does not, and reads every relationship.
    private static FakeAnswer Counts(FakeGraph g, Params p)
    {
        var facts = FakeCypher.HasUntypedRelationship(g.CurrentStatement)
            ? g.ScanLabel("Entity").SelectMany(e => g.Expand(e, null)).Count(r => IsEntity(r.Start) && IsEntity(r.End)) / 2
            : g.Facts.Count();
        return new(["documents", "entities", "facts", "mentions", "evidence"],
            [[(long)g.WithLabel("Document").Count(), (long)g.WithLabel("Entity").Count(), (long)facts, (long)g.WithLabel("Mention").Count(), (long)g.WithLabel("Evidence").Count()]]);
    }

    private static readonly string[] SummaryFields = ["id", "kind", "name", "aliases", "mentionCount", "docCount"];
    private static readonly string[] DetailFields = [.. SummaryFields, "firstSeen", "lastSeen", "amount", "currency", "year", "status"];

    private static FakeAnswer EntityDetailRows(IEnumerable<FakeNode> entities) =>
        new(DetailFields, [.. entities.Select(e => DetailFields.Select(f => e[f]).ToArray())]);

    private static readonly string[] FactFields =
        ["factKey", "type", "subjectId", "objectId", "confidence", "evidenceCount", "docCount", "firstSeen", "lastSeen", "sampleQuote", "extractors"];

    private static object?[] FactValues(FakeRelationship r) =>
        [r["factKey"], r.Type, r.Start.Id, r.End.Id, r["confidence"], r["evidenceCount"], r["docCount"], r["firstSeen"], r["lastSeen"], r["sampleQuote"], r["extractors"]];

    /// <summary>The fact filter the path statements and entity-facts share.</summary>
    public static bool PassesFactFilter(FakeRelationship r, Params p)
    {
        var types = p.List("types");
        return (types.Count == 0 || types.Contains(r.Type))
            && CypherOrder.Compare(r["confidence"], p["minConfidence"]) >= 0 && r["confidence"] is not null
            && CypherOrder.Compare(r["docCount"], p["minDocs"]) >= 0 && r["docCount"] is not null
            && (p["reportedFrom"] is null || (r["firstSeen"] is not null && CypherOrder.Compare(r["firstSeen"], p["reportedFrom"]) >= 0))
            && (p["reportedTo"] is null || (r["firstSeen"] is not null && CypherOrder.Compare(r["firstSeen"], p["reportedTo"]) <= 0));
    }

    private static FakeAnswer EntityFacts(FakeGraph g, Params p)
    {
        if (g.Find("Entity", p.String("entityId")) is not { } e)
        {
            return new([.. FactFields, "otherId", "otherKind", "otherName", "otherAliases", "otherMentionCount", "otherDocCount"], []);
        }

        var rows = g.Expand(e, FakeCypher.WalkedTypes(g.CurrentStatement)).Where(r => IsEntity(r.Other(e)) && PassesFactFilter(r, p))
            .OrderByDescending(r => r["docCount"], CypherOrder.Instance).ThenByDescending(r => r["confidence"], CypherOrder.Instance)
            .ThenBy(r => r["factKey"], CypherOrder.Instance)
            .Take((int)p.Long("limit"))
            .Select(r =>
            {
                var n = r.Other(e);
                return (object?[])[.. FactValues(r), n.Id, n["kind"], n["name"], n["aliases"], n["mentionCount"], n["docCount"]];
            })
            .ToList();
        return new([.. FactFields, "otherId", "otherKind", "otherName", "otherAliases", "otherMentionCount", "otherDocCount"], rows);
    }

    private static FakeAnswer FactGet(FakeGraph g, Params p)
    {
        var key = p.String("factKey");
        var subject = g.WithLabel("Evidence").Where(ev => Equals(ev["factKey"], key))
            .SelectMany(ev => g.Outgoing(ev, "SUBJECT")).Select(r => r.End).FirstOrDefault(IsEntity);
        var rows = subject is null
            ? []
            : g.Expand(subject, FakeCypher.WalkedTypes(g.CurrentStatement)).Where(r => r.Start == subject && Equals(r["factKey"], key) && IsEntity(r.End)).Select(FactValues).ToList();
        return new(FactFields, rows);
    }

    private static readonly string[] EvidenceFields =
        ["id", "factKey", "docId", "title", "sourceUri", "start", "end", "quote", "citations", "extractor", "confidence"];

    private static object?[] EvidenceValues(FakeNode ev, FakeNode d) =>
        [ev.Id, ev["factKey"], d.Id, d["title"], d["sourceUri"], ev["start"], ev["end"], ev["quote"], ev["citations"], ev["extractor"], ev["confidence"]];

    private static FakeAnswer EvidencePage(FakeGraph g, Params p) => new([.. EvidenceFields, "publishedAt"],
    [
        .. EvidenceFor(g, p.String("factKey"))
            .OrderByDescending(x => x.Evidence["confidence"], CypherOrder.Instance).ThenBy(x => x.Document.Id, StringComparer.Ordinal)
            .ThenBy(x => x.Evidence["start"], CypherOrder.Instance).ThenBy(x => x.Evidence.Id, StringComparer.Ordinal)
            .Skip((int)p.Long("offset")).Take((int)p.Long("limit"))
            .Select(x => (object?[])[.. EvidenceValues(x.Evidence, x.Document), x.Document["publishedAt"]]),
    ]);

    private static FakeAnswer DocumentMentions(FakeGraph g, Params p)
    {
        string[] fields = ["id", "docId", "entityId", "start", "end", "text", "sentenceIndex"];
        if (g.Find("Document", p.String("docId")) is not { } d)
        {
            return new(fields, []);
        }

        var rows = g.WithLabel("Mention").Where(m => g.Outgoing(m, "IN_DOCUMENT").Any(r => r.End == d))
            .SelectMany(m => g.Outgoing(m, "REFERS_TO").Where(r => IsEntity(r.End))
                .Select(r => new object?[] { m.Id, d.Id, r.End.Id, m["start"], m["end"], m["text"], m["sentenceIndex"] }))
            .OrderBy(row => row[3], CypherOrder.Instance).ThenBy(row => (string)row[0]!, StringComparer.Ordinal)
            .ToList();

        // OPTIONAL MATCH: a document without mentions is one row of nulls but its id
        return new(fields, rows.Count == 0 ? [[null, d.Id, null, null, null, null, null]] : rows);
    }

    private static FakeAnswer EvidenceForFacts(FakeGraph g, Params p)
    {
        var rows = new List<object?[]>();
        foreach (var key in p.List("factKeys"))
        {
            var items = EvidenceFor(g, key)
                .OrderByDescending(x => x.Evidence["confidence"], CypherOrder.Instance).ThenBy(x => x.Document.Id, StringComparer.Ordinal)
            .ThenBy(x => x.Evidence["start"], CypherOrder.Instance).ThenBy(x => x.Evidence.Id, StringComparer.Ordinal)
                .Take((int)p.Long("perFact"))
                .Select(x => (object?)new Dictionary<string, object?>
                {
                    ["id"] = x.Evidence.Id, ["docId"] = x.Document.Id, ["title"] = x.Document["title"], ["sourceUri"] = x.Document["sourceUri"],
                    ["start"] = x.Evidence["start"], ["end"] = x.Evidence["end"], ["quote"] = x.Evidence["quote"],
                    ["citations"] = x.Evidence["citations"], ["extractor"] = x.Evidence["extractor"], ["confidence"] = x.Evidence["confidence"],
                })
                .ToList();
            if (items.Count > 0)
            {
                rows.Add([key, items]);
            }
        }

        return new(["factKey", "items"], rows);
    }

    private static List<string> Keys(FakeNode e) => ((List<object?>?)e["nameKeys"] ?? []).Cast<string>().ToList();

    private static FakeAnswer EntitiesByIdentityKeys(FakeGraph g, Params p)
    {
        var keys = p.List("keys").Cast<string>().ToHashSet(StringComparer.Ordinal);
        return new(SummaryFields,
        [
            .. ByNameKeys(g, keys.Contains).Select(x => x.Entity)
                .OrderByDescending(e => e["docCount"], CypherOrder.Instance).ThenByDescending(e => e["mentionCount"], CypherOrder.Instance).ThenBy(e => e.Id, StringComparer.Ordinal)
                .Select(e => SummaryFields.Select(f => e[f]).ToArray()),
        ]);
    }

    private static IEnumerable<FakeNode> Page(IEnumerable<FakeNode> nodes, Params p) =>
        nodes.Where(n => string.CompareOrdinal(n.Id, p.String("after")) > 0).OrderBy(n => n.Id, StringComparer.Ordinal).Take((int)p.Long("limit"));

    // One type's facts come in factKey order from that type's constraint index (only what the page returns is read);
    // an untyped pattern has no index to use and reads every relationship.
    private static FakeAnswer ExportFacts(FakeGraph g, Params p)
    {
        var typed = System.Text.RegularExpressions.Regex.Match(g.CurrentStatement, @"\[r:(\w+)\]");
        var candidates = typed.Success
            ? g.Facts.Where(r => r.Type == typed.Groups[1].Value)
            : g.ScanLabel("Entity").SelectMany(e => g.Expand(e, null)).Where(r => IsEntity(r.Start) && IsEntity(r.End)).Distinct();
        var page = candidates.Where(r => string.CompareOrdinal(r["factKey"] as string, p.String("after")) > 0)
            .OrderBy(r => r["factKey"], CypherOrder.Instance).Take((int)p.Long("limit")).ToList();
        if (typed.Success)
        {
            g.ReadFromIndex(page.Count);
        }

        return new(FactFields, [.. page.Select(FactValues)]);
    }

    private static FakeAnswer ExportMentions(FakeGraph g, Params p) => new(["id", "docId", "entityId", "start", "end", "text", "sentenceIndex"],
    [
        .. Page(g.WithLabel("Mention"), p).SelectMany(m => g.Outgoing(m, "REFERS_TO").Where(r => IsEntity(r.End))
            .Select(r => new[] { m.Id, m["docId"], r.End.Id, m["start"], m["end"], m["text"], m["sentenceIndex"] })),
    ]);

    private static FakeAnswer ExportEvidence(FakeGraph g, Params p) => new(EvidenceFields,
    [
        .. Page(g.WithLabel("Evidence"), p).SelectMany(ev => g.Outgoing(ev, "IN_DOCUMENT").Where(r => r.End.Labels.Contains("Document"))
            .Select(r => EvidenceValues(ev, r.End))),
    ]);

    private static bool IsEntity(FakeNode node) => node.Labels.Contains("Entity");
}
