using RelationGraph.Core.Ingestion;
using RelationGraph.Core.Model;
using RelationGraph.Core.Storage;

namespace RelationGraph.Bench.PathQuality;

/// <summary>A product mention, with the article it is in.</summary>
internal sealed record MentionSample(int Article, int Start, int End, string Text);

/// <summary>A stored entity and the true entities its mentions print.</summary>
internal sealed class StoredNode(EntitySummary summary)
{
    public EntitySummary Summary { get; } = summary;

    /// <summary>Mentions per true entity whose printed span they overlap.</summary>
    public Dictionary<int, int> Entities { get; } = [];

    /// <summary>The first mention seen of each true entity.</summary>
    public Dictionary<int, MentionSample> Samples { get; } = [];

    /// <summary>Mentions that overlap no printed entity (a dateline, an outlet, a word).</summary>
    public int Unmatched { get; set; }

    public MentionSample? UnmatchedSample { get; set; }

    /// <summary>Weighted mentions per true entity: a full name counts three times, so a node named "Judith Lowell" stays Judith even when another Lowell's surname mentions were joined to it.</summary>
    public Dictionary<int, int> Weights { get; } = [];

    /// <summary>The true entity most of its mentions print (weighted), or -1 when none does.</summary>
    public int Mapped { get; set; } = -1;

    public int Matched => Entities.Values.Sum();

    /// <summary>
    /// Mentions of at least two true entities, the second with at least two mentions and a tenth of them: a false
    /// junction, where paths can pass from one real-world thing to another.
    /// </summary>
    public bool IsJunction
    {
        get
        {
            var counts = Entities.Values.OrderDescending().ToList();
            return counts.Count >= 2 && counts[1] >= 2 && counts[1] >= 0.1 * Matched;
        }
    }
}

/// <summary>
/// Which true entity each stored node is: a node's mentions (read per document with <c>GetDocumentMentionsAsync</c>) are
/// matched to the printed spans they overlap (a span of the node's own kind first, then the largest overlap), and the
/// node is the true entity most of them print.
/// </summary>
internal sealed class NodeMapping
{
    private readonly World _world;

    private NodeMapping(World world) => _world = world;

    public Dictionary<string, StoredNode> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Per true entity, the nodes holding its mentions and how many.</summary>
    public Dictionary<int, Dictionary<string, int>> NodesOf { get; } = [];

    public int MissingDocuments { get; private set; }

    public int MentionCount { get; private set; }

    public int UnmatchedMentions { get; private set; }

    /// <summary>Mentions whose text is not what the document prints at their offsets read as code points (should be none).</summary>
    public int OffsetMismatches { get; private set; }

    public int MappedEntity(string nodeId) => Nodes.TryGetValue(nodeId, out var node) ? node.Mapped : -1;

    /// <summary>Every true entity a node holds mentions of.</summary>
    public IEnumerable<int> Members(string nodeId) => Nodes.TryGetValue(nodeId, out var node) ? node.Entities.Keys : [];

    public static async Task<NodeMapping> BuildAsync(IGraphStore store, Corpus corpus, string folder)
    {
        var mapping = new NodeMapping(corpus.World);
        foreach (var article in corpus.Articles)
        {
            var documentId = DocumentIds.OfFile(Path.Combine(folder, article.FileName), folder);
            var mentions = await store.GetDocumentMentionsAsync(documentId);
            if (mentions is null)
            {
                mapping.MissingDocuments++;
                continue;
            }

            foreach (var mention in mentions)
            {
                if (!mapping.Nodes.TryGetValue(mention.EntityId, out var node))
                {
                    var summary = await store.GetEntitySummaryAsync(mention.EntityId);
                    node = new StoredNode(summary ?? new EntitySummary(mention.EntityId, KindOfId(mention.EntityId), mention.Text, [], 0, 0));
                    mapping.Nodes[mention.EntityId] = node;
                }

                mapping.Add(node, article, mention);
            }
        }

        foreach (var node in mapping.Nodes.Values.Where(n => n.Entities.Count > 0))
        {
            node.Mapped = node.Weights.OrderByDescending(e => e.Value).ThenBy(e => e.Key).First().Key;
        }

        return mapping;
    }

    /// <summary>A node met only on a path (no mention of its own in the corpus).</summary>
    public StoredNode NodeOf(EntitySummary summary)
    {
        if (!Nodes.TryGetValue(summary.Id, out var node))
        {
            node = new StoredNode(summary);
            Nodes[summary.Id] = node;
        }

        return node;
    }

    public static bool SameKind(EntityKind kind, TrueKind trueKind) => kind switch
    {
        EntityKind.Person => trueKind == TrueKind.Person,
        EntityKind.Organisation => trueKind == TrueKind.Organisation,
        EntityKind.Contract => trueKind == TrueKind.Contract,
        _ => trueKind == TrueKind.Investigation,
    };

    private void Add(StoredNode node, GeneratedArticle article, MentionRecord mention)
    {
        MentionCount++;
        var start = ArticleText.Utf16Index(article.Text, mention.Start);
        if (!string.Equals(article.Text[start..ArticleText.Utf16Index(article.Text, mention.End)], mention.Text, StringComparison.Ordinal))
        {
            OffsetMismatches++;
        }

        var best = BestSpan(node.Summary.Kind, article, mention);

        var sample = new MentionSample(article.Index, mention.Start, mention.End, mention.Text);
        if (best is null)
        {
            UnmatchedMentions++;
            node.Unmatched++;
            node.UnmatchedSample ??= sample;
            return;
        }

        node.Entities[best.Entity] = node.Entities.GetValueOrDefault(best.Entity) + 1;
        node.Weights[best.Entity] = node.Weights.GetValueOrDefault(best.Entity) + (best.Form == SpanForm.FullName ? 3 : 1);
        node.Samples.TryAdd(best.Entity, sample);
        var nodes = NodesOf.TryGetValue(best.Entity, out var found) ? found : NodesOf[best.Entity] = new Dictionary<string, int>(StringComparer.Ordinal);
        nodes[node.Summary.Id] = nodes.GetValueOrDefault(node.Summary.Id) + 1;
    }

    // The printed span a mention is: of the node's own kind first ("investigation into Corvane" is the investigation, not
    // the company), then the largest overlap. A contract or investigation mention is a loose phrase ("Investigators at the
    // Office of Public Audit"), so one that overlaps no event span is the event of its kind printed nearest in its sentence.
    private TrueSpan? BestSpan(EntityKind kind, GeneratedArticle article, MentionRecord mention)
    {
        TrueSpan? best = null;
        var bestScore = 0;
        foreach (var span in article.Spans)
        {
            var overlap = Math.Min(span.End, mention.End) - Math.Max(span.Start, mention.Start);
            var score = overlap + (SameKind(kind, _world[span.Entity].Kind) ? 1_000_000 : 0);
            if (overlap > 0 && score > bestScore)
            {
                (best, bestScore) = (span, score);
            }
        }

        if (kind is EntityKind.Contract or EntityKind.Investigation && (best is null || !SameKind(kind, _world[best.Entity].Kind)))
        {
            var sentence = article.Sentences.FirstOrDefault(s => s.Start <= mention.Start && mention.Start < s.End, (Start: -1, End: -1));
            var nearest = article.Spans
                .Where(s => s.Start >= sentence.Start && s.End <= sentence.End && SameKind(kind, _world[s.Entity].Kind))
                .MinBy(s => Math.Abs(s.Start - mention.Start));
            best = nearest ?? best;
        }

        return best;
    }

    private static EntityKind KindOfId(string id) =>
        EntityKinds.All.FirstOrDefault(k => id.StartsWith(EntityKinds.Prefix(k) + "_", StringComparison.Ordinal), EntityKind.Organisation);
}
