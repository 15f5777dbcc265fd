namespace RelationGraph.Bench.PathQuality;

/// <summary>
/// The true graph, undirected and at entity level (contracts and investigations are nodes): its edges are the facts some
/// article states. Any true fact of the world, stated or not, makes a hop between two entities true.
/// </summary>
internal sealed class TrueGraph
{
    private readonly List<(int Neighbour, int Fact)>[] _stated;
    private readonly HashSet<(int, int)> _related = [];

    public TrueGraph(Corpus corpus)
    {
        var world = corpus.World;
        _stated = Enumerable.Range(0, world.Entities.Count).Select(_ => new List<(int, int)>()).ToArray();
        foreach (var fact in world.Facts)
        {
            _related.Add(Key(fact.Subject, fact.Object));
            if (corpus.PrintedFacts.Contains(fact.Index))
            {
                _stated[fact.Subject].Add((fact.Object, fact.Index));
                _stated[fact.Object].Add((fact.Subject, fact.Index));
            }
        }
    }

    /// <summary>True when a fact of the world joins the two entities.</summary>
    public bool Related(int a, int b) => a != b && _related.Contains(Key(a, b));

    /// <summary>A shortest path of stated facts from one entity to another within <paramref name="maxHops"/>, as (entity, fact joining it to the previous) steps; null when none.</summary>
    public List<(int Entity, int Fact)>? ShortestPath(int from, int to, int maxHops)
    {
        var previous = new Dictionary<int, (int Entity, int Fact)> { [from] = (-1, -1) };
        var frontier = new List<int> { from };
        for (var depth = 0; depth < maxHops && frontier.Count > 0 && !previous.ContainsKey(to); depth++)
        {
            var next = new List<int>();
            foreach (var entity in frontier)
            {
                foreach (var (neighbour, fact) in _stated[entity])
                {
                    if (previous.TryAdd(neighbour, (entity, fact)))
                    {
                        next.Add(neighbour);
                    }
                }
            }

            frontier = next;
        }

        if (!previous.ContainsKey(to))
        {
            return null;
        }

        var path = new List<(int, int)>();
        for (var at = to; at != from; at = previous[at].Entity)
        {
            path.Add((at, previous[at].Fact));
        }

        path.Add((from, -1));
        path.Reverse();
        return path;
    }

    private static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);
}
