using RelationGraph.Core.Model;
using RelationGraph.Core.PathIndexing;

namespace RelationGraph.Tests.Core.PathIndexing;

/// <summary>A hand-built graph for path tests: ids are the names, fact keys read "subject-TYPE-object".</summary>
internal sealed class TestGraph
{
    public Dictionary<string, IndexedEntity> Entities { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IndexedFact> Facts { get; } = new(StringComparer.Ordinal);

    public TestGraph Node(string id, EntityKind kind = EntityKind.Person)
    {
        Entities[id] = new IndexedEntity(id, kind);
        return this;
    }

    public TestGraph AddNode(string id, EntityKind kind) => Node(id, kind);

    public TestGraph Edge(string subject, string obj, RelationType type = RelationType.AssociatedWith, double confidence = 0.9, int docs = 1, DateTimeOffset? reported = null)
    {
        MakeFact(subject, obj, type, confidence, docs, reported);
        return this;
    }

    public IndexedFact MakeFact(string subject, string obj, RelationType type, double confidence, int docs, DateTimeOffset? reported)
    {
        Entities.TryAdd(subject, new IndexedEntity(subject, EntityKind.Person));
        Entities.TryAdd(obj, new IndexedEntity(obj, EntityKind.Person));
        var fact = new IndexedFact($"{subject}-{type.ToWireName()}-{obj}", type, subject, obj, confidence, docs,
            reported ?? new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Facts[fact.FactKey] = fact;
        return fact;
    }

    public PathIndex Build() => PathIndex.Build(Entities.Values, Facts.Values);

    /// <summary>Lengths of every simple path (distinct facts, no repeated entity) up to the hop limit, ascending: the brute-force oracle.</summary>
    public List<int> AllSimplePathLengths(string from, string to, int maxHops)
    {
        var adjacency = new Dictionary<string, List<(string Node, string Fact)>>(StringComparer.Ordinal);
        foreach (var fact in Facts.Values.Where(f => f.SubjectId != f.ObjectId))
        {
            Add(fact.SubjectId, fact.ObjectId, fact.FactKey);
            Add(fact.ObjectId, fact.SubjectId, fact.FactKey);
        }

        var lengths = new List<int>();
        var onPath = new HashSet<string>(StringComparer.Ordinal) { from };
        Walk(from, 0);
        lengths.Sort();
        return lengths;

        void Add(string a, string b, string key)
        {
            if (!adjacency.TryGetValue(a, out var list))
            {
                adjacency[a] = list = [];
            }

            list.Add((b, key));
        }

        void Walk(string node, int depth)
        {
            if (depth == maxHops || !adjacency.TryGetValue(node, out var next))
            {
                return;
            }

            foreach (var (neighbour, _) in next)
            {
                if (neighbour == to)
                {
                    lengths.Add(depth + 1);
                }
                else if (onPath.Add(neighbour))
                {
                    Walk(neighbour, depth + 1);
                    onPath.Remove(neighbour);
                }
            }
        }
    }
}

/// <summary>A large random graph with skewed degrees, for time-limit tests.</summary>
internal static class RandomGraph
{
    public static string Id(int node) => $"e{node}";

    public static PathIndex Build(int nodes, int edgesPerNode, int seed)
    {
        var random = new Random(seed);
        var entities = Enumerable.Range(0, nodes).Select(i => new IndexedEntity(Id(i), (EntityKind)(i % 4)));
        var facts = new List<IndexedFact>(nodes * edgesPerNode);
        for (var i = 0; i < nodes * edgesPerNode; i++)
        {
            // squaring a uniform number piles endpoints onto low ids: a few hubs, many leaves
            var a = (int)(Math.Pow(random.NextDouble(), 2) * nodes);
            var b = random.Next(nodes);
            facts.Add(new IndexedFact($"f{i}", (RelationType)(i % 12), Id(a), Id(b), 0.5 + (random.NextDouble() / 2), 1 + (i % 3), null));
        }

        return PathIndex.Build(entities, facts);
    }
}
