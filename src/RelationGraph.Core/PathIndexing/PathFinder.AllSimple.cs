namespace RelationGraph.Core.PathIndexing;

// All simple paths up to the hop limit: backward BFS distances prune a bounded DFS.
internal sealed partial class PathFinder
{
    /// <summary>
    /// All simple paths up to <paramref name="maxHops"/>, shortest lengths first, at most <paramref name="k"/>.
    /// A backward BFS from the target gives each node's distance to it, which prunes the DFS to nodes that can still arrive in time.
    /// </summary>
    private void AllSimple(int from, int to, int maxHops, int k, List<IndexPath> found)
    {
        DistancesTo(to, from, maxHops);
        if (_scratch.StampBackward[from] != _backwardStamp)
        {
            return;
        }

        var nodes = new int[maxHops + 1];
        var edges = new int[maxHops];
        var level = new List<IndexPath>();
        for (var length = _scratch.Backward[from].Dist; length <= maxHops && found.Count < k; length++)
        {
            level.Clear();
            var onPath = _scratch.NextStamp();
            _scratch.OnPath[from] = onPath;
            nodes[0] = from;
            try
            {
                SimpleDfs(to, 0, length, nodes, edges, onPath, EnumerationCap(k), level);
            }
            finally
            {
                level.Sort(_ranking);
                found.AddRange(level.Take(k - found.Count));
            }
        }
    }

    private bool SimpleDfs(int to, int depth, int length, int[] nodes, int[] edges, int onPath, int cap, List<IndexPath> output)
    {
        var onPathMarks = _scratch.OnPath;
        var stamps = _scratch.StampBackward;
        var marks = _scratch.Backward;
        foreach (var adjacent in _index.Neighbours(nodes[depth]))
        {
            _budget.Tick();
            var next = adjacent.Node;
            if (onPathMarks[next] == onPath || !EdgeAllowed(adjacent.Edge))
            {
                continue;
            }

            if (next == to)
            {
                if (depth + 1 == length)
                {
                    nodes[depth + 1] = next;
                    edges[depth] = adjacent.Edge;
                    output.Add(IndexPath.Create(nodes.AsSpan(0, length + 1), edges.AsSpan(0, length), _index));
                    if (output.Count >= cap)
                    {
                        return false;
                    }
                }

                continue;
            }

            if (stamps[next] != _backwardStamp || depth + 1 + marks[next].Dist > length)
            {
                continue;
            }

            nodes[depth + 1] = next;
            edges[depth] = adjacent.Edge;
            onPathMarks[next] = onPath;
            var keepGoing = SimpleDfs(to, depth + 1, length, nodes, edges, onPath, cap, output);
            onPathMarks[next] = 0;
            if (!keepGoing)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Backward BFS from <paramref name="target"/>: hop distances of allowed nodes, not walking through <paramref name="source"/>.</summary>
    private void DistancesTo(int target, int source, int maxHops)
    {
        _backwardStamp = _scratch.NextStamp();
        var stamps = _scratch.StampBackward;
        var marks = _scratch.Backward;
        var frontier = _scratch.FrontierBackward;
        var next = _scratch.Next;
        frontier.Clear();
        stamps[target] = _backwardStamp;
        marks[target] = default;
        frontier.Add(target);
        for (var level = 0; level < maxHops && frontier.Count > 0; level++)
        {
            next.Clear();
            foreach (var node in frontier)
            {
                foreach (var adjacent in _index.Neighbours(node))
                {
                    _budget.Tick();
                    var neighbour = adjacent.Node;
                    if (stamps[neighbour] == _backwardStamp || !EdgeAllowed(adjacent.Edge))
                    {
                        continue;
                    }

                    if (neighbour == source)
                    {
                        stamps[neighbour] = _backwardStamp;
                        marks[neighbour] = new NodeMark { Dist = level + 1 };
                        continue;
                    }

                    if (!IntermediateAllowed(neighbour))
                    {
                        continue;
                    }

                    stamps[neighbour] = _backwardStamp;
                    marks[neighbour] = new NodeMark { Dist = level + 1 };
                    next.Add(neighbour);
                }
            }

            frontier.Clear();
            frontier.AddRange(next);
        }
    }
}
